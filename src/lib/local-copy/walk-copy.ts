// The first sync: every lead by the moving updated_at bound (read-updated-since.ts), from Kommo's
// "now" as the anchor. Its place is saved after every page, so a reload resumes there; it ends with
// a refresh from the anchor, which catches the leads deleted while it went on.
import type { LocalCopyMeta } from './local-copy-store';
import { initialMeta, usableMeta } from './copy-meta';
import { readUpdatedSince } from './read-updated-since';
import { REFRESH_OVERLAP_SECONDS } from './refresh-overlap';
import type { SyncEngine } from './sync-engine';

/**
 * Kommo's "now" before the walk: its Date header; where no answer carried one (an older widget
 * script), the newest lead's updated_at (every later change is at or after it).
 */
async function walkAnchor(engine: SyncEngine, signal: AbortSignal): Promise<number> {
  const result = await engine.page({ order: { field: 'updated_at', direction: 'desc' }, page: 1, limit: 1 }, signal);
  return engine.kommoClock.nowSeconds() ?? result.leads[0]?.updated_at ?? 0;
}

/**
 * `eventsAfter`: a re-walk after an incomplete event log starts reading events after the newest one
 * that log gave (every deletion before it is already reflected by the walk that follows it), or it
 * would read the same too-long log again and walk forever.
 */
export async function walkCopy(engine: SyncEngine, signal: AbortSignal, eventsAfter = 0): Promise<void> {
  const { now } = engine;
  let current = usableMeta(engine.meta, engine.origin) ? engine.meta : null;
  if (!current) {
    const anchor = Math.max(await walkAnchor(engine, signal), eventsAfter > 0 ? eventsAfter + 1 + REFRESH_OVERLAP_SECONDS : 0);
    current = { ...initialMeta(engine.origin), anchor };
    // Whatever an earlier walk left goes in the same write (a re-walk), so no reader sees a mix.
    await engine.write([], [], current, true);
  }
  engine.set({ status: 'walking', error: null });
  let pageStartedAt: number | null = now();
  await readUpdatedSince(
    (query, pageSignal) => engine.page(query, pageSignal),
    current.walk,
    signal,
    async (leads, position, done) => {
      const base = engine.meta ?? current;
      const next: LocalCopyMeta = {
        ...base,
        walk: position,
        pages: base.pages + 1,
        walkRequests: base.walkRequests + 1,
        walkElapsedMs: base.walkElapsedMs + (now() - (pageStartedAt ?? now())),
        phase: done ? 'complete' : 'walking',
      };
      pageStartedAt = now();
      await engine.write(leads, [], next);
    },
    (yieldSignal) => engine.yieldToUser(yieldSignal),
  );
  pageStartedAt = null;
  // Leads deleted while the walk went on are caught by the refresh from the walk's anchor.
  await engine.refresh(signal);
}
