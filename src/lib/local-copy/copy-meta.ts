// The copy's own record of where it stands (kept beside the leads): a new one, whether a stored one
// can be continued, and what it says to the engine's state.
import type { LocalCopyMeta } from './local-copy-store';
import type { LocalCopyState } from './local-copy-state';

export function initialMeta(origin: string): LocalCopyMeta {
  return {
    version: 2,
    origin,
    phase: 'walking',
    walk: { from: 0, boundaryIds: [], tiePage: 1 },
    pages: 0,
    walkElapsedMs: 0,
    walkRequests: 0,
    syncedAt: null,
    anchor: 0,
    appliedEvents: [],
  };
}

/** A stored meta this engine can continue from (an older shape walks anew). */
export function usableMeta(meta: LocalCopyMeta | null, origin: string): meta is LocalCopyMeta {
  return meta !== null && meta.version === 2 && meta.origin === origin;
}

/** The walk's progress and the last sync and check, as the state says them. */
export function progressOf(m: LocalCopyMeta): Partial<LocalCopyState> {
  return {
    complete: m.phase === 'complete',
    pages: m.pages,
    elapsedMs: m.walkElapsedMs,
    ratePerSecond: m.walkElapsedMs > 0 ? m.walkRequests / (m.walkElapsedMs / 1000) : 0,
    syncedAt: m.syncedAt,
    lastCheck: m.lastCheck ?? null,
  };
}
