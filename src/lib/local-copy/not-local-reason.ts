// Which views the local copy cannot answer as Kommo does, apart from the query engine itself: the
// first screen asks this of every view, so it stays out of the engine's module (and the first load).
import type { LeadsQuery } from '@/kommo/leads-query';

/** Why a view goes to the API instead: the copy cannot answer it the way Kommo does. */
export type NotLocalReason = 'full-text-search' | 'deleted-leads';

/** Null when the copy can answer the query exactly; else the reason it cannot. */
export function notLocalReason(query: LeadsQuery): NotLocalReason | null {
  // Kommo's `query` also searches linked contacts and companies, which the copy does not hold.
  if (query.query !== undefined && query.query.trim() !== '') return 'full-text-search';
  // The trash is a different collection: only the API lists it.
  if (query.with?.includes('only_deleted')) return 'deleted-leads';
  return null;
}
