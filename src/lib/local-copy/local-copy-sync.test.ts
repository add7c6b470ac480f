// The sync engine on the memory store and a fake transport: the walk, a 401, storage the browser
// refuses (quota full), a copy made under another origin, and what the list then answers.
import { describe, expect, it } from 'vitest';
import { createFakeTransport, jsonResponse, noContent, problemResponse } from '@/lib/api/fake-transport.testing';
import { createKommoClient } from '@/lib/api/kommo-client';
import { initialLeadsCursor } from '@/lib/leads/leads-stream';
import type { TransportRequest } from '@/lib/api/transport';
import { createMemoryStore, LocalCopyStorageError, type LocalCopyStore } from './local-copy-store';
import { createLocalCopySync } from './local-copy-sync';
import { localListChunk } from './local-list-chunk';

const ORIGIN = 'https://acme.kommo.com';
const NOW_S = 1_760_000_000;

type WireLead = {
  id: number;
  price: number;
  updated_at: number;
  created_at: number;
  status_id: number;
  pipeline_id: number;
  closed_at: number | null;
};

function wireLeads(n: number): WireLead[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    price: 100 * (i + 1),
    created_at: NOW_S - 86_400 * i,
    updated_at: NOW_S - 3_600 * i,
    status_id: i % 2 === 0 ? 142 : 10,
    pipeline_id: 1,
    // Every other won lead closed within the last days, the rest long ago.
    closed_at: i % 2 === 0 ? (i % 4 === 0 ? NOW_S - 3_600 * i : NOW_S - 86_400 * 400) : null,
  }));
}

/** A tiny Kommo: leads paged by offset, filtered by updated_at, in id or updated_at order; no events. */
function kommo(leads: WireLead[], answer401 = () => false) {
  return createFakeTransport((req: TransportRequest) => {
    if (answer401()) return problemResponse(401, { title: 'Unauthorized', detail: 'token expired' });
    const q = new URLSearchParams(req.query);
    if (req.path === '/api/v4/events') return noContent;
    if (req.path === '/api/v4/account')
      return jsonResponse(200, { id: 7, name: 'Acme', subdomain: 'acme', current_user_id: 3, datetime_settings: { timezone: 'UTC' } });
    if (req.path !== '/api/v4/leads') return noContent;
    const page = Number(q.get('page') ?? '1');
    const limit = Number(q.get('limit') ?? '250');
    const from = q.get('filter[updated_at][from]');
    const sign = q.get('order[updated_at]') === 'desc' ? -1 : 1;
    // Kommo's order by updated_at, ties by id (as the demo account answers).
    const matching = leads
      .filter((l) => from === null || l.updated_at >= Number(from))
      .sort((a, b) => (q.has('order[updated_at]') ? sign * (a.updated_at - b.updated_at) || sign * (a.id - b.id) : a.id - b.id));
    const slice = matching.slice((page - 1) * limit, page * limit);
    if (slice.length === 0) return noContent;
    const hasNext = page * limit < matching.length;
    return jsonResponse(200, { _page: page, _links: hasNext ? { next: { href: `x?page=${page + 1}` } } : {}, _embedded: { leads: slice } });
  });
}

const client = (transport: ReturnType<typeof kommo>) => createKommoClient(transport, { ratePerSecond: 100_000 });

describe('local copy sync', () => {
  it('walks every lead, is complete and fresh, and answers the list with the whole view’s totals', async () => {
    const leads = wireLeads(600);
    const c = client(kommo(leads));
    const sync = createLocalCopySync({ client: c, store: createMemoryStore(), origin: ORIGIN });
    await sync.start();
    expect(sync.getState()).toMatchObject({ status: 'ready', complete: true, size: 600, persistent: false });
    expect(sync.isFresh()).toBe(true);
    const chunk = await localListChunk(c, sync, { filter: { statuses: [{ pipeline_id: 1, status_id: 142 }] } }, initialLeadsCursor({}), 250);
    expect(chunk.local).toMatchObject({
      count: 300,
      priceSum: leads.filter((l) => l.status_id === 142).reduce((s, l) => s + l.price, 0),
    });
  });

  it('a 401 during the walk deletes the copy and stops', async () => {
    let calls = 0;
    const sync = createLocalCopySync({ client: client(kommo(wireLeads(1000), () => ++calls > 2)), store: createMemoryStore(), origin: ORIGIN });
    let told = false;
    const withHook = createLocalCopySync({
      client: client(kommo(wireLeads(1000), () => true)),
      store: createMemoryStore(),
      origin: ORIGIN,
      onUnauthorized: () => (told = true),
    });
    await sync.start();
    expect(sync.getState()).toMatchObject({ size: 0, complete: false });
    expect(sync.isFresh()).toBe(false);
    await withHook.start();
    expect(told).toBe(true);
  });

  it('storage the browser refuses mid-walk (quota full) falls back to memory: the copy completes and says it is not kept', async () => {
    const memory = createMemoryStore();
    let writes = 0;
    const refusing: LocalCopyStore = {
      ...memory,
      persistent: true,
      apply(change) {
        writes++;
        return writes > 1 ? Promise.reject(new LocalCopyStorageError('QuotaExceededError: quota exceeded')) : memory.apply(change);
      },
    };
    const sync = createLocalCopySync({ client: client(kommo(wireLeads(900))), store: refusing, origin: ORIGIN });
    await sync.start();
    expect(sync.getState()).toMatchObject({ status: 'ready', complete: true, size: 900, persistent: false, storageRefused: true, error: null });
    expect(sync.isFresh()).toBe(true);
  });

  it('storage refused at open falls back to memory too', async () => {
    const refusing: LocalCopyStore = {
      ...createMemoryStore(),
      persistent: true,
      open: () => Promise.reject(new LocalCopyStorageError('SecurityError: access denied')),
    };
    const sync = createLocalCopySync({ client: client(kommo(wireLeads(300))), store: refusing, origin: ORIGIN });
    await sync.start();
    expect(sync.getState()).toMatchObject({ status: 'ready', size: 300, storageRefused: true });
  });

  it('a copy made under another origin is neither read nor kept: it is deleted and walked anew', async () => {
    const store = createMemoryStore();
    const hostile = createLocalCopySync({ client: client(kommo(wireLeads(50))), store, origin: 'https://evil.kommo.com' });
    await hostile.start();
    expect(hostile.getState().size).toBe(50);
    hostile.dispose();

    const transport = kommo(wireLeads(300));
    const honest = createLocalCopySync({ client: client(transport), store, origin: ORIGIN });
    const sizes: number[] = [];
    honest.subscribe(() => sizes.push(honest.getState().size));
    await honest.start();
    // Never answered with the other origin's 50 leads, not even for a moment.
    expect(sizes).not.toContain(50);
    expect(honest.getState()).toMatchObject({ size: 300, complete: true });
    expect(transport.requests.some((r) => r.query.includes('order[updated_at]=asc'))).toBe(true);
  });

  it('resolves rolling date presets before asking the copy, at the cursor’s "now" (won this month is not every won lead)', async () => {
    const leads = wireLeads(400);
    const c = client(kommo(leads));
    const sync = createLocalCopySync({ client: c, store: createMemoryStore(), origin: ORIGIN });
    await sync.start();
    const view = { filter: { statuses: [{ pipeline_id: 1, status_id: 142 }] }, dates: { closed_at: 'last7Days' as const } };
    // The account's zone comes from /account (UTC here), as on the API path.
    const chunk = await localListChunk(c, sync, view, { ...initialLeadsCursor(view), asOf: NOW_S }, 250);
    const count = chunk.local.count;
    const won = leads.filter((l) => l.status_id === 142);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(won.length);
  });
});
