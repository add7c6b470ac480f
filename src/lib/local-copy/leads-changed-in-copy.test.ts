// A refresh reads again the leads changed within REFRESH_OVERLAP_SECONDS of its anchor; only those
// that differ from the copy are written and counted as updated (the bench's "136 updated" for 75
// changed leads, the demo's newest lead re-read on every refresh). The engine on a fake Kommo.
import { describe, expect, it } from 'vitest';
import { createKommoClient } from '@/lib/api/kommo-client';
import { createFakeKommo, wireLeads } from './fake-kommo.testing';
import { createKommoClock, observeKommoClock } from './kommo-clock';
import { createMemoryStore } from './local-copy-store';
import { createLocalCopySync } from './local-copy-sync';
import { REFRESH_OVERLAP_SECONDS } from './refresh-overlap';

const T = 1_760_000_000;
const ORIGIN = 'https://acme.kommo.com';

function setup() {
  // 300 leads an hour apart, and the newest 40 changed within the overlap before the first walk.
  const leads = wireLeads(300, T).map((l, i) => (i >= 260 ? { ...l, updated_at: T - 5 * (300 - i) } : l));
  const kommo = createFakeKommo(leads, { now: T });
  const clock = createKommoClock();
  const client = createKommoClient(observeKommoClock(kommo.transport, clock), { ratePerSecond: 100_000, sleep: () => Promise.resolve() });
  const sync = createLocalCopySync({ client, store: createMemoryStore(), origin: ORIGIN, kommoClock: clock, retryDelaysMs: [] });
  const copied = async () =>
    (await sync.slice({ order: { field: 'id', direction: 'asc' } }, 0, 1_000)).leads.map(
      (l) => [l.id, l.price, l.pipeline_id, l.status_id, l.updated_at] as const,
    );
  return { kommo, sync, copied };
}

describe('a refresh writes only what changed', () => {
  it('counts the leads that changed, not the ones it read again near its anchor; a refresh with no change writes nothing', async () => {
    const { kommo, sync, copied } = setup();
    await sync.start();
    expect(sync.getState()).toMatchObject({ status: 'ready', complete: true, size: 300 });
    // The walk's own closing refresh read the newest 40 again: none had changed.
    expect(sync.getState().lastRefresh).toMatchObject({ updated: 0, removed: 0 });

    kommo.tick(60);
    kommo.update(5, { price: 1 });
    kommo.update(270, { price: 2 });
    kommo.update(299, { status_id: 11 });
    kommo.remove(7);
    const version = sync.getState().version;
    await sync.refresh();
    expect(sync.getState().lastRefresh).toMatchObject({ updated: 3, removed: 1 });
    expect(await copied()).toEqual(kommo.rows());
    expect(sync.getState().version).toBeGreaterThan(version);

    // Nothing changed since: the leads within the overlap (the three just changed among them) are as stored.
    kommo.tick(REFRESH_OVERLAP_SECONDS / 2);
    const unchanged = sync.getState().version;
    await sync.refresh();
    expect(sync.getState().lastRefresh).toMatchObject({ updated: 0, removed: 0 });
    // No new version: no open view is read again for nothing.
    expect(sync.getState().version).toBe(unchanged);
  });

  it('still writes a lead changed twice in one second (the same updated_at, other data)', async () => {
    const { kommo, sync, copied } = setup();
    await sync.start();
    kommo.tick(30);
    kommo.update(280, { price: 10 });
    await sync.refresh();
    expect(sync.getState().lastRefresh).toMatchObject({ updated: 1 });
    // A second change in the same second as the one the copy read: updated_at does not move.
    kommo.update(280, { price: 20 });
    await sync.refresh();
    expect(sync.getState().lastRefresh).toMatchObject({ updated: 1 });
    expect(await copied()).toEqual(kommo.rows());
  });
});
