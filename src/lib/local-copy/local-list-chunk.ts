// The fetch layer's way to the local copy: the leads list asks here first, and gets the view from the
// copy when it is complete, fresh and able to answer the query as Kommo would; otherwise (no copy, a
// stale one, full-text search, the trash) it goes to the API as before. A view starts from one source
// and keeps it for all its chunks: the cursor says which.
import type { LeadsQuery } from '../../kommo/leads-query';
import type { KommoClient } from '../api/kommo-client';
import type { LeadsChunk, LeadsCursor } from '../api/leads-stream';
import { resolveRollingDates } from '../api/resolve-rolling-dates';
import type { LocalCopySync } from './local-copy-sync';
import { notLocalReason } from './not-local-reason';

/**
 * As many leads a chunk as the API path: each chunk is cloned from the worker to the page on the
 * main thread, so a view's first rows arrive sooner in small chunks (measured in the local-copy bench).
 */
export const LOCAL_CHUNK_SIZE = 250;

/** What a locally answered chunk adds: the whole view's count and price sum, and the copy's time. */
export type LocalChunkInfo = { count: number; priceSum: number; asOf: number };
/** A chunk says where it came from: the copy (with the whole view's totals) or Kommo. */
export type LocalLeadsChunk = LeadsChunk & { source: 'local'; local: LocalChunkInfo };
/** `asOf` is the view's one "now" for rolling date presets, as on the API path. */
type LocalCursor = LeadsCursor & { localOffset: number; asOf: number };

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

/**
 * The chunk from the copy, or null when this chunk must come from the API. Rolling date presets
 * ("this month", "before now") are resolved exactly as the API path resolves them
 * (resolveRollingDates, the account's zone), at the view's one "now": stamped on the first chunk.
 */
export function localListChunk(
  client: KommoClient,
  query: LeadsQuery,
  cursor: LeadsCursor,
  size: number = LOCAL_CHUNK_SIZE,
  copy: LocalCopySync | null = active,
): Promise<LeadsChunk> | null {
  const local = isLocalCursor(cursor);
  if (!local && !isInitialCursor(cursor)) return null;
  if (!copy || !copy.isFresh() || notLocalReason(query) !== null) {
    // The copy went away mid-view ("Forget local data"): end the view rather than mix sources.
    return local ? Promise.resolve({ leads: [], next: null }) : null;
  }
  const offset = local ? cursor.localOffset : 0;
  const now = local ? cursor.asOf : (cursor.asOf ?? Math.floor(Date.now() / 1000));
  const syncedAt = copy.getState().syncedAt ?? Date.now();
  return resolveRollingDates(client, query, now)
    .then((resolved) => copy.slice(resolved, offset, size))
    .then((slice): LocalLeadsChunk => {
      const next: LocalCursor | null = slice.nextOffset === null ? null : { streams: [], localOffset: slice.nextOffset, asOf: now };
      return { source: 'local', leads: slice.leads, next, local: { count: slice.count, priceSum: slice.priceSum, asOf: syncedAt } };
    });
}

export function isLocalChunk(chunk: LeadsChunk | undefined): chunk is LocalLeadsChunk {
  return chunk !== undefined && 'source' in chunk && chunk.source === 'local';
}

/** The whole view's totals when the chunk came from the copy, else null. */
export function localChunkInfo(chunk: LeadsChunk | undefined): LocalChunkInfo | null {
  return isLocalChunk(chunk) ? chunk.local : null;
}

/**
 * Leads a chunk when the whole view is wanted from the copy (load all, the browser sort): a few
 * clones from the worker instead of hundreds. The table cuts them into its own pages again.
 */
export const LOCAL_WHOLE_VIEW_CHUNK = 10_000;

export type LocalViewPages = { pages: LeadsChunk[]; pageParams: LeadsCursor[] };

/**
 * The rest of a list the copy answers, from the cursor its last chunk gave: every remaining chunk at
 * once. Null when that cursor is not the copy's (the view is live) or the copy went away meanwhile.
 */
export async function readRestOfLocalView(
  client: KommoClient,
  query: LeadsQuery,
  cursor: LeadsCursor | null,
  copy: LocalCopySync | null = active,
): Promise<LocalViewPages | null> {
  const rest: LocalViewPages = { pages: [], pageParams: [] };
  let next = cursor;
  while (next !== null) {
    if (!isLocalCursor(next)) return null;
    const pending = localListChunk(client, query, next, LOCAL_WHOLE_VIEW_CHUNK, copy);
    if (pending === null) return null;
    const chunk = await pending;
    if (!isLocalChunk(chunk)) return null;
    rest.pages.push(chunk);
    rest.pageParams.push(next);
    next = chunk.next;
  }
  return rest;
}
