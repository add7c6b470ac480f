// A refresh of a complete copy: the leads changed since the anchor (Kommo's own clock, less an
// overlap), by the same moving bound as the walk, and the lead_deleted events since then, each
// applied once (apply-deleted-events.ts). An incomplete event log (too many deletions) walks again.
// Once the check is due (check-copy.ts), a refresh is followed by it.
import type { Lead } from '@/kommo/lead-schema';
import { applyDeletedEvents } from './apply-deleted-events';
import { isCheckDue } from './check-copy';
import { fetchDeletedLeads } from './deleted-leads-fetcher';
import { leadsChangedInCopy } from './leads-changed-in-copy';
import { NO_COPY } from './local-copy-state';
import { readUpdatedSince } from './read-updated-since';
import { REFRESH_OVERLAP_SECONDS } from './refresh-overlap';
import type { SyncEngine } from './sync-engine';

export async function refreshCopy(engine: SyncEngine, signal: AbortSignal): Promise<void> {
  const base = engine.meta;
  if (!base || base.phase !== 'complete') return;
  engine.set({ status: 'refreshing', error: null });
  const from = Math.max(0, base.anchor - REFRESH_OVERLAP_SECONDS);
  const requestsBefore = engine.ownRequests;
  // Kommo's clock as the refresh starts: what changes after it, the next refresh reads.
  const startedAt = engine.kommoClock.nowSeconds();
  const changed = new Map<number, Lead>();
  await readUpdatedSince(
    (query, pageSignal) => engine.page(query, pageSignal),
    { from, boundaryIds: [], tiePage: 1 },
    signal,
    (leads) => {
      for (const lead of leads) changed.set(lead.id, lead);
      return Promise.resolve();
    },
  );
  const events = await fetchDeletedLeads(engine.client, from, signal);
  engine.countRequests(events.requests);
  if (!events.complete) {
    // More deletions than the log pages we read: which leads are gone is unknown, so walk again
    // (the walk's first write empties the copy; the database stays, so other tabs keep reading it).
    engine.meta = null;
    engine.set({ ...NO_COPY, version: engine.state.version + 1 });
    await engine.walk(
      signal,
      events.deleted.reduce((m, d) => Math.max(m, d.at), from),
    );
    return;
  }
  const { upsert: reread, removed, next } = applyDeletedEvents(base, changed, events.deleted, startedAt, engine.now());
  // Only what differs from the copy is written and counted: most of the overlap is as stored.
  const upsert = await leadsChangedInCopy(reread, (query, offset, size) => engine.store.slice(query, offset, size));
  await engine.write(upsert, removed, next);
  engine.set({
    status: 'ready',
    lastRefresh: { requests: engine.ownRequests - requestsBefore, updated: upsert.length, removed: removed.length },
  });
  if (isCheckDue(next, engine.now())) await engine.check(signal);
}
