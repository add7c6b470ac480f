// Anti-entropy's schedule and its run on the engine: once an hour a refresh is followed by a
// comparison with Kommo (anti-entropy.ts), which repairs the stages that differ. While they differ the
// copy is stale: it answers no view (they go live) until the repair is written.
import { checkAgainstKommo } from './anti-entropy';
import type { LastCheck, LocalCopyMeta } from './local-copy-store';
import type { SyncEngine } from './sync-engine';

/** How often a refresh is followed by a comparison with Kommo (anti-entropy). */
export const CHECK_EVERY_MS = 60 * 60_000;

/** The last comparison (or none) is an hour old. */
export function isCheckDue(meta: LocalCopyMeta, now: number): boolean {
  return now - (meta.checkedAt ?? 0) >= CHECK_EVERY_MS;
}

export async function checkCopy(engine: SyncEngine, signal: AbortSignal): Promise<void> {
  const base = engine.meta;
  if (!base || base.phase !== 'complete') return;
  engine.set({ status: 'refreshing', error: null });
  // What Kommo changed since the last refresh began is the next refresh's, not a difference.
  const result = await checkAgainstKommo(
    engine.client,
    (query, offset, size) => engine.store.slice(query, offset, size),
    base.anchor,
    signal,
    () => {
      if (!engine.state.stale) engine.set({ stale: true });
    },
  );
  engine.countRequests(result.requests);
  const at = engine.now();
  const lastCheck: LastCheck = {
    at,
    differing: result.differing.length,
    repaired: result.upsert.length + result.remove.length,
    requests: result.requests,
  };
  await engine.write(result.upsert, result.remove, { ...(engine.meta ?? base), checkedAt: at, lastCheck });
  engine.set({ status: 'ready', stale: false });
}
