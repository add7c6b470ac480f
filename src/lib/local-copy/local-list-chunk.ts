// The fetch layer's way to the local copy: the leads list asks here first, and gets the view from the
// copy when it is complete, fresh and able to answer the query as Kommo would; otherwise (no copy, a
// stale one, full-text search, the trash) it goes to the API as before. A view starts from one source
// and keeps it for all its chunks: the cursor says which.
import type { LeadsQuery } from '../../kommo/leads-query';
import type { LeadsChunk, LeadsCursor } from '../api/leads-stream';
import type { LocalCopySync } from './local-copy-sync';
import { notLocalReason } from './local-leads-index';

/**
 * As many leads a chunk as the API path: each chunk is cloned from the worker to the page on the
 * main thread, so a view's first rows arrive sooner in small chunks (measured in the local-copy bench).
 */
export const LOCAL_CHUNK_SIZE = 250;

/** What a locally answered chunk adds: the whole view's count and price sum, and the copy's time. */
export type LocalChunkInfo = { count: number; priceSum: number; asOf: number };
type LocalLeadsChunk = LeadsChunk & { local: LocalChunkInfo };
type LocalCursor = LeadsCursor & { localOffset: number };

let active: LocalCopySync | null = null;
const activeListeners = new Set<() => void>();

/** The copy of the signed-in account and user, or null; set by the local-copy feature. */
export function setActiveLocalCopy(copy: LocalCopySync | null): void {
  if (active === copy) return;
  active = copy;
  for (const listener of [...activeListeners]) listener();
}

export function getActiveLocalCopy(): LocalCopySync | null {
  return active;
}

/** For useSyncExternalStore. */
export function subscribeActiveLocalCopy(listener: () => void): () => void {
  activeListeners.add(listener);
  return () => {
    activeListeners.delete(listener);
  };
}

function isLocalCursor(cursor: LeadsCursor): cursor is LocalCursor {
  return 'localOffset' in cursor && typeof cursor.localOffset === 'number';
}

function isInitialCursor(cursor: LeadsCursor): boolean {
  return cursor.streams.every((s) => s.nextPage === 1 && s.buffer.length === 0);
}

/** True when a view would be answered from the copy right now. */
export function answersLocally(query: LeadsQuery): boolean {
  return active !== null && active.isFresh() && notLocalReason(query) === null;
}

/** The chunk from the copy, or null when this chunk must come from the API. */
export function localListChunk(query: LeadsQuery, cursor: LeadsCursor): Promise<LeadsChunk> | null {
  const local = isLocalCursor(cursor);
  if (!local && !isInitialCursor(cursor)) return null;
  const copy = active;
  if (!copy || !answersLocally(query)) {
    // The copy went away mid-view ("Forget local data"): end the view rather than mix sources.
    return local ? Promise.resolve({ leads: [], next: null }) : null;
  }
  const offset = local ? cursor.localOffset : 0;
  const asOf = copy.getState().syncedAt ?? Date.now();
  return copy.slice(query, offset, LOCAL_CHUNK_SIZE).then((slice): LocalLeadsChunk => {
    const next: LocalCursor | null = slice.nextOffset === null ? null : { streams: [], localOffset: slice.nextOffset };
    return { leads: slice.leads, next, local: { count: slice.count, priceSum: slice.priceSum, asOf } };
  });
}

/** The whole view's totals when the chunk came from the copy, else null. */
export function localChunkInfo(chunk: LeadsChunk | undefined): LocalChunkInfo | null {
  if (!chunk || !('local' in chunk)) return null;
  const info: unknown = chunk.local;
  if (typeof info !== 'object' || info === null || !('count' in info) || !('priceSum' in info) || !('asOf' in info)) return null;
  const { count, priceSum, asOf } = info;
  return typeof count === 'number' && typeof priceSum === 'number' && typeof asOf === 'number' ? { count, priceSum, asOf } : null;
}
