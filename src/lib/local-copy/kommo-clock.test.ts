// Kommo's clock from its Date header, and the copy's cursors taken from it: a laptop ten minutes
// ahead, and a lead an integration stamped an hour ahead (the API lets it set updated_at), lose nothing.
import { describe, expect, it } from 'vitest';
import { createKommoClient } from '@/lib/api/kommo-client';
import { createFakeKommo, wireLeads } from './fake-kommo.testing';
import { createKommoClock, observeKommoClock } from './kommo-clock';
import { createMemoryStore } from './local-copy-store';
import { createLocalCopySync } from './local-copy-sync';

const T = 1_760_000_000;
const TEN_MINUTES_MS = 600_000;

async function copied(sync: ReturnType<typeof createLocalCopySync>) {
  const slice = await sync.slice({ order: { field: 'id', direction: 'asc' } }, 0, 1_000_000);
  return slice.leads.map((l) => [l.id, l.price, l.pipeline_id, l.status_id, l.updated_at] as const);
}

describe('Kommo’s clock', () => {
  it('reads the Date header and carries it forward on the page’s own monotonic clock', () => {
    let mono = 5_000;
    const clock = createKommoClock(() => mono);
    expect(clock.nowSeconds()).toBeNull();
    clock.observe('not a date');
    clock.observe(undefined);
    expect(clock.nowSeconds()).toBeNull();
    clock.observe(new Date(T * 1000).toUTCString());
    expect(clock.nowSeconds()).toBe(T);
    mono += 90_000;
    expect(clock.nowSeconds()).toBe(T + 90);
    // An answer that left Kommo earlier but arrived later does not take the clock back.
    clock.observe(new Date((T + 10) * 1000).toUTCString());
    expect(clock.nowSeconds()).toBe(T + 90);
    clock.observe(new Date((T + 200) * 1000).toUTCString());
    expect(clock.nowSeconds()).toBe(T + 200);
  });

  it('the copy’s cursors follow Kommo’s clock: a browser 10 minutes ahead and an updated_at set an hour ahead lose no change nor deletion', async () => {
    const kommo = createFakeKommo(wireLeads(700, T), { now: T });
    const clock = createKommoClock();
    const client = createKommoClient(observeKommoClock(kommo.transport, clock), { ratePerSecond: 100_000 });
    const sync = createLocalCopySync({
      client,
      store: createMemoryStore(),
      origin: 'https://acme.kommo.com',
      now: () => Date.now() + TEN_MINUTES_MS,
      kommoClock: clock,
    });
    await sync.start();
    expect(sync.getState()).toMatchObject({ status: 'ready', complete: true, size: 700 });

    // An integration writes updated_at an hour ahead of Kommo's clock.
    kommo.tick(30);
    kommo.update(5, { price: 1, updated_at: T + 3_600 });
    await sync.refresh();
    expect(await copied(sync)).toEqual(kommo.rows());

    // Ordinary changes and deletions a minute later are still read.
    kommo.tick(60);
    kommo.update(6, { price: 7 });
    kommo.update(300, { status_id: 143 });
    kommo.remove(7);
    kommo.remove(400);
    await sync.refresh();
    expect(await copied(sync)).toEqual(kommo.rows());
    expect(sync.getState().lastRefresh).toMatchObject({ removed: 2 });

    // And again an hour later, when the browser's "now" and Kommo's have long parted.
    kommo.tick(3_600);
    kommo.remove(8);
    kommo.update(9, { price: 9 });
    await sync.refresh();
    expect(await copied(sync)).toEqual(kommo.rows());
  });
});
