// Where a leads list is answered from: Kommo (live) or the local copy. The list query takes the source
// as an input and its key names it, so a view answered from the copy and the same view answered live
// are two entries: a list never mixes the two, and a change of source is a new list, never a flip inside one.
import type { LeadsView } from '../../kommo/leads-query';
import type { LeadsChunk, LeadsCursor, LocalLeadsChunk } from './leads-stream';

/** Reads `size` leads of a view from the copy, from the cursor's offset (0 for the first chunk). */
export type LocalViewRead = (view: LeadsView, cursor: LeadsCursor, size: number) => Promise<LocalLeadsChunk>;

export type LiveLeadsSource = { kind: 'live'; key: 'live' };
/** `key` names the copy (its database: origin, account and user), so two copies never share an entry. */
export type LocalLeadsSource = { kind: 'local'; key: `local:${string}`; read: LocalViewRead };
export type LeadsSource = LiveLeadsSource | LocalLeadsSource;

export const LIVE_SOURCE: LiveLeadsSource = { kind: 'live', key: 'live' };

/** A view the copy answers starts at offset 0 of the copy's answer. */
export const FIRST_LOCAL_CURSOR: LeadsCursor = { streams: [], localOffset: 0 };

/**
 * Leads a chunk when the whole view is wanted from the copy (load all, the summary, the export, the
 * browser sort): a few clones from the worker instead of hundreds. The table cuts them into its own
 * pages again.
 */
export const LOCAL_WHOLE_VIEW_CHUNK = 10_000;

export type WholeViewPages = { pages: LeadsChunk[]; pageParams: LeadsCursor[] };

/**
 * The rest of a view the copy answers, from the cursor its last chunk gave: every remaining chunk at
 * once. The table's browser sort and load all (and so the summary and the export) read a local view
 * whole this way: no walk of Kommo.
 */
export async function readRestOfLocalView(source: LocalLeadsSource, view: LeadsView, cursor: LeadsCursor | null): Promise<WholeViewPages> {
  const rest: WholeViewPages = { pages: [], pageParams: [] };
  for (let next = cursor; next !== null;) {
    const chunk = await source.read(view, next, LOCAL_WHOLE_VIEW_CHUNK);
    rest.pages.push(chunk);
    rest.pageParams.push(next);
    next = chunk.next;
  }
  return rest;
}
