// Anti-entropy on a fake Kommo: what a refresh cannot see (a deletion with no event, a lead let in
// by a change of rights with an old updated_at, a change stamped in the past by an integration) is
// found by the periodic comparison, marked stale while it differs, and repaired; when the copy
// agrees the comparison costs one request a pipeline.
import { describe, expect, it } from 'vitest';
import { createKommoClient } from '@/lib/api/kommo-client';
import { createFakeKommo, wireLeads } from './fake-kommo.testing';
import { createKommoClock, observeKommoClock } from './kommo-clock';
import { createMemoryStore } from './local-copy-store';
import { CHECK_EVERY_MS } from './check-copy';
import { createLocalCopySync, type LocalCopySync } from './local-copy-sync';

const T = 1_760_000_000;

async function copied(sync: LocalCopySync) {
  const slice = await sync.slice({ order: { field: 'id', direction: 'asc' } }, 0, 1_000_000);
  return slice.leads.map((l) => [l.id, l.price, l.pipeline_id, l.status_id, l.updated_at] as const);
}

function setup(n: number) {
  const kommo = createFakeKommo(wireLeads(n, T), { now: T });
  const clock = createKommoClock();
  const client = createKommoClient(observeKommoClock(kommo.transport, clock), { ratePerSecond: 100_000, sleep: () => Promise.resolve() });
  let ms = Date.now();
  const sync = createLocalCopySync({
    client,
    store: createMemoryStore(),
    origin: 'https://acme.kommo.com',
    kommoClock: clock,
    now: () => ms,
    retryDelaysMs: [],
  });
  return { kommo, sync, client, advance: (by: number) => (ms += by) };
}

describe('anti-entropy', () => {
  it('after the first walk the comparison agrees, at one request a pipeline (and one for the pipelines)', async () => {
    const { sync } = setup(1_300);
    await sync.start();
    expect(sync.getState()).toMatchObject({ status: 'ready', stale: false, lastCheck: { differing: 0, repaired: 0, requests: 3 } });
  });

  it('finds and repairs what no refresh can see; the copy is stale while it differs', async () => {
    const { kommo, sync, client, advance } = setup(1_300);
    await sync.start();
    kommo.tick(120);
    // Deleted with no lead_deleted event (lost, or the lead left this user's rights).
    kommo.removeSilently(100);
    kommo.removeSilently(1_299);
    // A lead this user may now see, last updated a year ago.
    kommo.add({ id: 5_000, price: 42, created_at: T - 31_536_000, updated_at: T - 31_536_000, pipeline_id: 2, status_id: 12, closed_at: null });
    // Moved by an integration that stamped an old updated_at.
    kommo.update(7, { status_id: 143, updated_at: T - 86_400 });
    await sync.refresh();
    // The refresh saw none of it.
    expect(await copied(sync)).not.toEqual(kommo.rows());

    const staleSeen: boolean[] = [];
    sync.subscribe(() => staleSeen.push(sync.getState().stale));
    const before = client.getState().requests;
    await sync.check();
    expect(staleSeen).toContain(true);
    expect(sync.getState()).toMatchObject({ status: 'ready', stale: false });
    expect(sync.isFresh()).toBe(true);
    expect(await copied(sync)).toEqual(kommo.rows());
    expect(sync.getState().lastCheck?.differing).toBeGreaterThan(0);
    // Repairing a few stages, not walking the account (6 pages of 250).
    expect(client.getState().requests - before).toBeLessThan(40);

    // Checked again an hour later, after a refresh: it agrees, at 3 requests.
    advance(CHECK_EVERY_MS);
    kommo.tick(3_600);
    await sync.refresh();
    expect(sync.getState().lastCheck).toMatchObject({ differing: 0, repaired: 0, requests: 3 });
  });

  it('a comparison that fails leaves the copy stale: views go live until a later one repairs it', async () => {
    const { kommo, sync } = setup(600);
    await sync.start();
    kommo.removeSilently(3);
    let failing = true;
    kommo.onRequest((request) => {
      if (failing && new URLSearchParams(request.query).has('filter[statuses][0][status_id]')) throw new TypeError('Failed to fetch');
    });
    await sync.check();
    expect(sync.getState()).toMatchObject({ status: 'error', stale: true });
    expect(sync.isFresh()).toBe(false);
    failing = false;
    await sync.check();
    expect(sync.getState()).toMatchObject({ status: 'ready', stale: false });
    expect(await copied(sync)).toEqual(kommo.rows());
  });
});
