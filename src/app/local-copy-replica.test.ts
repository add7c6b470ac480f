// The local copy as a replica (issue 22): the whole copy (every id, price, stage, updated_at) equals
// the demo account after ordinary events that used to leave a silent, permanent difference:
// deletions below the first walk's position, a restore, 300 changes while a refresh pages, a failed
// refresh (retried by the engine itself, no click), more deletions than the event log pages read,
// and Forget in one of two tabs (the other never recreates the copy); all of it with the browser's
// clock ten minutes ahead of Kommo's, whose Date header the cursors follow as in the app. In-process:
// the demo's Hono app is the transport, with the Date header the app's server would add.
import { describe, expect, it, vi } from 'vitest';
import { encodeLeadsQuery } from '@/kommo/leads-query';
import { createKommoClient } from '@/lib/api/kommo-client';
import type { Transport } from '@/lib/api/transport';
import { createMemoryCoordinationHub } from '@/lib/local-copy/copy-coordination.testing';
import { createKommoClock, observeKommoClock } from '@/lib/local-copy/kommo-clock';
import { createMemoryDatabase, createMemoryStore } from '@/lib/local-copy/local-copy-store';
import { createLocalCopySync, type LocalCopySync } from '@/lib/local-copy/local-copy-sync';
import { createDemoAccount } from '@/server/demo/demo-account';
import type { ChangesRequest, ChangesResult } from '@/server/demo/demo-changes';

const TOKEN = 'replica-token';
const TEN_MINUTES_MS = 600_000;

type Row = [id: number, price: number | null, pipeline: number | null, status: number | null, updatedAt: number];
/** The five fields of a lead on the wire that the comparison reads. */
type WireRow = {
  id: number;
  price: number | null;
  price_with_minor_units?: number | null;
  pipeline_id: number | null;
  status_id: number | null;
  updated_at: number;
};

describe('the local copy stays a replica of the account', { timeout: 180_000 }, () => {
  const demo = createDemoAccount({ token: TOKEN, leads: 13_000, seed: 222, rateLimit: false, faults: true });
  /** Runs before a request is answered: the moment "colleagues" change the account. */
  let beforeAnswer: ((path: string, query: URLSearchParams) => Promise<void>) | null = null;
  const transport: Transport = {
    kind: 'proxy',
    async get({ path, query }) {
      await beforeAnswer?.(path, new URLSearchParams(query));
      const res = await demo.app.request(`${path}${query ? `?${query}` : ''}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'retry-after']) {
        const value = res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      // The demo stamps its changes with the machine's clock, which is Kommo's clock here.
      headers.date = new Date().toUTCString();
      return { status: res.status, headers, body: await res.text() };
    },
  };
  const kommoClock = createKommoClock();
  // The client's own retries wait no real time here.
  const client = createKommoClient(observeKommoClock(transport, kommoClock), { ratePerSecond: 100_000, sleep: () => Promise.resolve() });
  // Two tabs of one browser profile share the copy's database (one syncs, the other reads it).
  const database = createMemoryDatabase();
  const tabs = createMemoryCoordinationHub();
  // The browser's clock runs ten minutes ahead of Kommo's: no cursor may come from it.
  const tab = (retryDelaysMs: readonly number[]) =>
    createLocalCopySync({
      client,
      store: createMemoryStore(database, tabs.coordination()),
      origin: 'http://127.0.0.1',
      now: () => Date.now() + TEN_MINUTES_MS,
      kommoClock,
      // A failed walk or refresh is tried again by the engine itself, later each time (short waits here).
      retryDelaysMs,
    });
  const copy = tab([10, 20, 40]);

  async function change(request: Partial<ChangesRequest>): Promise<ChangesResult> {
    const res = await demo.app.request('/__demo/changes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as ChangesResult;
  }

  /**
   * The account as Kommo's answers give it: every page of `order[id]=asc`, read from the wire JSON.
   * The copy's own path parses every page with the app's schemas; the oracle needs five fields, so it
   * skips that parse (two thirds of a 13,000-lead walk's time, and the test walks seven times).
   */
  async function account(): Promise<Row[]> {
    const rows: Row[] = [];
    for (let page = 1; page < 1000; page++) {
      const query = encodeLeadsQuery({ order: { field: 'id', direction: 'asc' }, page, limit: 250 });
      const res = await transport.get({ path: '/api/v4/leads', query, signal: new AbortController().signal });
      if (res.status === 204) break;
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body) as { _embedded: { leads: WireRow[] }; _links: { next?: unknown } };
      // A lead's price is its minor-units price when Kommo sends one (the lead schema's rule, src/kommo/lead-schema.ts).
      for (const l of body._embedded.leads) rows.push([l.id, l.price_with_minor_units ?? l.price, l.pipeline_id, l.status_id, l.updated_at]);
      if (body._links.next === undefined) break;
    }
    return rows;
  }

  async function copied(from: LocalCopySync = copy): Promise<Row[]> {
    const slice = await from.slice({ order: { field: 'id', direction: 'asc' } }, 0, 1_000_000);
    return slice.leads.map((l) => [l.id, l.price, l.pipeline_id, l.status_id, l.updated_at]);
  }

  it('deletions below the first walk’s position while it walks', async () => {
    let walkPages = 0;
    let deleted: number[] = [];
    beforeAnswer = async (path, q) => {
      if (path !== '/api/v4/leads' || q.get('order[updated_at]') !== 'asc' || copy.getState().complete) return;
      // After three pages: leads already read (and others) are deleted, and some updated.
      if (++walkPages === 4) deleted = (await change({ deleted: 11, updated: 20, seed: 1 })).deleted;
    };
    await copy.start();
    beforeAnswer = null;
    expect(deleted).toHaveLength(11);
    expect(copy.getState()).toMatchObject({ status: 'ready', complete: true });
    expect(await copied()).toEqual(await account());
  });

  it('a lead deleted and then restored stays in the copy, refresh after refresh', async () => {
    await change({ deleted: 4, seed: 2 });
    await copy.refresh();
    expect(await copied()).toEqual(await account());
    // Restored within the refresh overlap: its lead_deleted event is read again by the next refreshes.
    const back = await change({ restored: 4 });
    expect(back.restored).toHaveLength(4);
    await copy.refresh();
    await copy.refresh();
    const rows = await copied();
    expect(rows).toEqual(await account());
    for (const id of back.restored) expect(rows.some((r) => r[0] === id)).toBe(true);
  });

  it('300 changes while a refresh pages: equal after at most two refreshes', async () => {
    let fired = false;
    beforeAnswer = async (path, q) => {
      if (fired || path !== '/api/v4/leads' || !q.has('filter[updated_at][from]')) return;
      fired = true;
      await change({ updated: 300, moved: 20, seed: 3 });
    };
    await copy.refresh();
    beforeAnswer = null;
    expect(fired).toBe(true);
    if (JSON.stringify(await copied()) !== JSON.stringify(await account())) await copy.refresh();
    expect(await copied()).toEqual(await account());
  });

  it('a failed refresh says so and is tried again by itself until Kommo answers; the first that succeeds brings everything', async () => {
    let failures = 0;
    let last = copy.getState().status;
    const unsubscribe = copy.subscribe(() => {
      const { status } = copy.getState();
      if (status === 'error' && last !== 'error') failures++;
      last = status;
    });
    demo.faults.set({ errorRate: 1, pathPrefix: '/api/v4/leads' });
    await change({ updated: 10, deleted: 3, seed: 4 });
    await copy.refresh();
    expect(copy.getState().status).toBe('error');
    // No click: the engine tries again, and again while Kommo keeps failing.
    await vi.waitFor(() => expect(failures).toBeGreaterThanOrEqual(3), { timeout: 20_000 });
    demo.faults.reset();
    await vi.waitFor(() => expect(copy.getState().status).toBe('ready'), { timeout: 20_000 });
    unsubscribe();
    expect(await copied()).toEqual(await account());
  });

  it('more deletions than the event log pages a refresh reads (5,300): the copy walks again, then is whole', async () => {
    const result = await change({ deleted: 5_300, seed: 5 });
    expect(result.deleted).toHaveLength(5_300);
    await copy.refresh();
    expect(copy.getState()).toMatchObject({ status: 'ready', complete: true });
    expect(await copied()).toEqual(await account());
    // And not again: the next refresh does not re-read that long log (it once cost 51 requests every time).
    await copy.refresh();
    expect(copy.getState().lastRefresh?.requests).toBeLessThanOrEqual(3);
    expect(await copied()).toEqual(await account());
  });

  it('Forget in one of two tabs: the reading tab held the replica too, and the syncing one never recreates the copy', async () => {
    const other = tab([]);
    await other.start();
    expect(other.getState()).toMatchObject({ role: 'reading', complete: true });
    expect(await copied(other)).toEqual(await account());
    await change({ updated: 10, deleted: 2, seed: 6 });
    await other.forget();
    // The syncing tab's next refresh (its timer, a click) writes nothing: the copy stays gone and answers nothing.
    await copy.refresh();
    expect(copy.getState()).toMatchObject({ gone: true, size: 0, complete: false });
    expect(copy.isFresh()).toBe(false);
    expect(database.leads.size).toBe(0);
    expect((await copy.slice({}, 0, 10)).count).toBe(0);
    other.dispose();
    copy.dispose();
  });
});
