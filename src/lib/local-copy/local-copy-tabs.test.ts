// Two tabs of one browser profile on one copy (memory stores over one shared database, Web Locks and
// BroadcastChannel in memory, a fake Kommo): one tab syncs, the other reads its copy and asks it to
// refresh; the reader takes over when the syncing tab closes; "Forget local data" in one tab is never
// undone by the other, not even by a write it had under way.
import { describe, expect, it, vi } from 'vitest';
import { createKommoClient } from '@/lib/api/kommo-client';
import { createMemoryCoordinationHub } from './copy-coordination.testing';
import { createFakeKommo, wireLeads } from './fake-kommo.testing';
import { createKommoClock, observeKommoClock } from './kommo-clock';
import { createMemoryDatabase, createMemoryStore, type MemoryDatabase } from './local-copy-store';
import { createLocalCopySync, type LocalCopySync } from './local-copy-sync';

const T = 1_760_000_000;
const ORIGIN = 'https://acme.kommo.com';

function setup() {
  const kommo = createFakeKommo(wireLeads(800, T), { now: T });
  const hub = createMemoryCoordinationHub();
  const database = createMemoryDatabase();
  const clock = createKommoClock();
  /** One tab: its own client (its own requests), its own index, the profile's database and locks. */
  const tab = (db: MemoryDatabase = database) => {
    const client = createKommoClient(observeKommoClock(kommo.transport, clock), { ratePerSecond: 100_000 });
    const sync = createLocalCopySync({
      client,
      store: createMemoryStore(db, hub.coordination()),
      origin: ORIGIN,
      kommoClock: clock,
      retryDelaysMs: [],
    });
    return { sync, requests: () => client.getState().requests };
  };
  return { kommo, hub, database, tab };
}

async function copied(sync: LocalCopySync) {
  const slice = await sync.slice({ order: { field: 'id', direction: 'asc' } }, 0, 1_000_000);
  return slice.leads.map((l) => [l.id, l.price, l.pipeline_id, l.status_id, l.updated_at] as const);
}

describe('one syncing tab per browser profile', () => {
  it('the second tab reads the first one’s copy without a request, and hears every refresh', async () => {
    const { kommo, tab } = setup();
    const a = tab();
    await a.sync.start();
    expect(a.sync.getState()).toMatchObject({ role: 'syncing', status: 'ready', size: 800 });

    const b = tab();
    await b.sync.start();
    expect(b.sync.getState()).toMatchObject({ role: 'reading', size: 800, complete: true });
    expect(b.sync.isFresh()).toBe(true);
    expect(b.requests()).toBe(0);
    expect(await copied(b.sync)).toEqual(kommo.rows());

    kommo.tick(60);
    kommo.update(3, { price: 5 });
    kommo.remove(4);
    // The reading tab's Refresh asks the syncing tab; it makes no request itself.
    await b.sync.refresh();
    await vi.waitFor(async () => expect(await copied(b.sync)).toEqual(kommo.rows()));
    await vi.waitFor(() => expect(b.sync.getState()).toMatchObject({ status: 'ready', lastRefresh: { updated: 1, removed: 1 } }));
    expect(b.requests()).toBe(0);
    expect(await copied(a.sync)).toEqual(kommo.rows());
  });

  it('every tab knows who syncs and the last comparison with Kommo, also after a reload', async () => {
    const { tab, database } = setup();
    const a = tab();
    await a.sync.start();
    const check = a.sync.getState().lastCheck;
    expect(a.sync.getState().role).toBe('syncing');
    expect(check).toMatchObject({ differing: 0, repaired: 0 });

    const b = tab();
    await b.sync.start();
    expect(b.sync.getState()).toMatchObject({ role: 'reading', lastCheck: check });

    // A page opened later (the syncing tab gone) reads it from the copy, before any new check.
    a.sync.dispose();
    b.sync.dispose();
    const c = tab(database);
    await c.sync.start();
    expect(c.sync.getState()).toMatchObject({ role: 'syncing', lastCheck: check });
  });

  it('when the syncing tab closes mid-walk, the reading tab takes the lock and finishes the walk from where it stood', async () => {
    const { kommo, tab, hub } = setup();
    const a = tab();
    let pages = 0;
    kommo.onRequest((request) => {
      // Tab A closes after its second page of the walk.
      if (new URLSearchParams(request.query).get('order[updated_at]') === 'asc') pages++;
      if (pages === 2) a.sync.dispose();
    });
    await a.sync.start();
    expect(a.sync.getState().complete).toBe(false);

    const b = tab();
    await b.sync.start();
    await vi.waitFor(() => expect(b.sync.getState()).toMatchObject({ role: 'syncing', status: 'ready', complete: true }));
    kommo.onRequest(null);
    expect(await copied(b.sync)).toEqual(kommo.rows());
    // B resumed where A stood: fewer requests than a whole walk, its refresh and check (1 + 4 pages + 2 + 3).
    expect(b.requests()).toBeLessThan(10);
    expect(hub.isHeld()).toBe(true);
  });

  it('a reading tab takes over when the syncing one closes, and refreshes by itself', async () => {
    const { kommo, tab } = setup();
    const a = tab();
    await a.sync.start();
    const b = tab();
    await b.sync.start();
    expect(b.sync.getState().role).toBe('reading');
    a.sync.dispose();
    await vi.waitFor(() => expect(b.sync.getState()).toMatchObject({ role: 'syncing', status: 'ready' }));
    kommo.tick(60);
    kommo.update(10, { price: 1 });
    kommo.remove(11);
    await b.sync.refresh();
    expect(await copied(b.sync)).toEqual(kommo.rows());
    expect(b.requests()).toBeGreaterThan(0);
  });

  it('Forget in the reading tab: the syncing tab stops, answers nothing, and never recreates the copy, not even with a write under way', async () => {
    const { kommo, tab, database } = setup();
    const a = tab();
    await a.sync.start();
    const b = tab();
    await b.sync.start();
    kommo.tick(60);
    kommo.update(20, { price: 2 });
    // Tab B forgets while tab A's refresh is reading Kommo: A's write comes after the deletion.
    let forgetting: Promise<void> | null = null;
    kommo.onRequest((request) => {
      if (request.path === '/api/v4/leads' && forgetting === null) forgetting = b.sync.forget();
    });
    await a.sync.refresh();
    kommo.onRequest(null);
    await forgetting;
    expect(a.sync.getState()).toMatchObject({ gone: true, size: 0, complete: false });
    expect(a.sync.isFresh()).toBe(false);
    expect(database.leads.size).toBe(0);
    expect(database.meta).toBeNull();
    // Nothing brings it back from that tab: no refresh, no resume.
    await a.sync.refresh();
    await a.sync.resume();
    expect(database.leads.size).toBe(0);
    expect((await a.sync.slice({}, 0, 10)).count).toBe(0);
  });

  it('Forget in the syncing tab: the reading tab hears it, empties its view and never takes over', async () => {
    const { tab, database, hub } = setup();
    const a = tab();
    await a.sync.start();
    const b = tab();
    await b.sync.start();
    await a.sync.forget();
    a.sync.dispose();
    await vi.waitFor(() => expect(b.sync.getState()).toMatchObject({ gone: true, size: 0 }));
    // The lock is free, and B does not take it to walk again.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hub.isHeld()).toBe(false);
    expect(database.leads.size).toBe(0);
    expect(b.requests()).toBe(0);
  });
});
