import { afterEach, describe, expect, it, vi } from 'vitest';
import { RATE_WINDOW_MS } from '@/kommo/api-paths';
import * as z from 'zod/mini';
import { leadsPageSchema } from '@/kommo/lead-schema';
import { ApiError } from './api-error';
import { createFakeClock, createFakeTransport, hang, htmlResponse, jsonResponse, noContent, problemResponse } from './fake-transport.testing';
import { createKommoClient } from './kommo-client';
import type { Transport } from './transport';

const okSchema = z.object({ ok: z.boolean() });
const signal = () => new AbortController().signal;

function setup(handler: Parameters<typeof createFakeTransport>[0], options: { maxRetries?: number; random?: () => number } = {}) {
  const clock = createFakeClock();
  const transport = createFakeTransport(handler);
  const client = createKommoClient(transport, { random: () => 0, ...options, sleep: clock.sleep, now: clock.now });
  return { clock, transport, client };
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw new Error(`expected an ApiError, got ${String(e)}`);
  }
  throw new Error('expected a rejection');
}

function lead(id: number, price: unknown = 100) {
  return { id, name: `Lead ${id}`, price, updated_at: 1_700_000_000, pipeline_id: 1, status_id: 10 };
}

describe('KommoClient.get', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves null on 204 without parsing the (empty or garbage) body', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const { client } = setup(() => ({ ...noContent, body: 'not json at all' }));
    await expect(client.get('/api/v4/leads', '', okSchema, signal())).resolves.toBeNull();
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it('parses a 200 with the schema', async () => {
    const { client, transport } = setup(() => jsonResponse(200, { ok: true, extra: 1 }));
    await expect(client.get('/api/v4/account', 'with=x', okSchema, signal())).resolves.toEqual({ ok: true });
    expect(transport.requests[0]).toMatchObject({ path: '/api/v4/account', query: 'with=x' });
  });

  it('names the failing schema path when the envelope is unreadable', async () => {
    const { client } = setup(() => jsonResponse(200, { _embedded: { leads: 'not a list' } }));
    const e = await caught(client.get('/api/v4/leads', '', leadsPageSchema, signal()));
    expect(e.kind).toBe('schema');
    expect(e.field).toBe('_embedded.leads');
    // zod/mini loads no locale: the detail under the alert still says what was expected and what came.
    expect(e.detail).toBe('_embedded.leads: Invalid input: expected array, received string');
  });

  it('words a missing envelope as classic zod did', async () => {
    const { client } = setup(() => jsonResponse(200, { _embedded: null }));
    const e = await caught(client.get('/api/v4/leads', '', leadsPageSchema, signal()));
    expect(e.detail).toBe('_embedded: Invalid input: expected object, received null');
  });

  it('lists a lead with one odd value, its price left out and counted as unreadable', async () => {
    const leads = [lead(1), lead(2), lead(3), lead(4, 'not a price')];
    const { client } = setup(() => jsonResponse(200, { _embedded: { leads } }));
    const page = await client.get('/api/v4/leads', '', leadsPageSchema, signal());
    expect(page?._embedded.leads.map((l) => l.id)).toEqual([1, 2, 3, 4]);
    expect(page?._embedded.leads[3]).toMatchObject({ price: null, unreadable: 1 });
    expect(page?._embedded.leads[0]?.unreadable).toBe(0);
  });

  it('types malformed JSON on a 200 as a schema error, without retrying', async () => {
    const { client, transport } = setup(() => ({ status: 200, headers: {}, body: '{"_embedded": ' }));
    expect((await caught(client.get('/api/v4/leads', '', okSchema, signal()))).kind).toBe('schema');
    expect(transport.requests).toHaveLength(1);
  });

  it('types problem+json errors', async () => {
    const { client } = setup(() =>
      problemResponse(400, { 'validation-errors': [{ errors: [{ code: 'InvalidType', path: 'filter[id]', detail: 'not a number' }] }] }),
    );
    const e = await caught(client.get('/api/v4/leads', '', okSchema, signal()));
    expect(e).toMatchObject({ kind: 'validation', status: 400, field: 'filter[id]' });
  });

  it.each([400, 401, 402, 404, 422])('never retries a %i', async (status) => {
    const { client, transport, clock } = setup(() => problemResponse(status, { title: 'no' }));
    await caught(client.get('/api/v4/leads', '', okSchema, signal()));
    expect(transport.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries 5xx with exponential backoff and succeeds', async () => {
    const { client, transport, clock } = setup((_, i) => (i < 2 ? htmlResponse(502) : jsonResponse(200, { ok: true })));
    await expect(client.get('/api/v4/leads', '', okSchema, signal())).resolves.toEqual({ ok: true });
    expect(transport.requests).toHaveLength(3);
    // random() = 0: half of 500ms, then half of 1000ms.
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('jitters the backoff between half and all of the ceiling', async () => {
    const { client, clock } = setup((_, i) => (i < 3 ? htmlResponse(500) : jsonResponse(200, { ok: true })), { random: () => 0.999 });
    await client.get('/api/v4/leads', '', okSchema, signal());
    expect(clock.sleeps).toHaveLength(3);
    clock.sleeps.forEach((ms, attempt) => {
      const ceiling = 500 * 2 ** attempt;
      expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
      expect(ms).toBeLessThanOrEqual(ceiling);
    });
  });

  it('gives up after maxRetries (default 3) and throws the last error', async () => {
    const { client, transport } = setup(() => problemResponse(503, { title: 'busy' }));
    const e = await caught(client.get('/api/v4/leads', '', okSchema, signal()));
    expect(e.kind).toBe('server');
    expect(transport.requests).toHaveLength(4);

    const once = setup(() => htmlResponse(500), { maxRetries: 1 });
    await caught(once.client.get('/api/v4/leads', '', okSchema, signal()));
    expect(once.transport.requests).toHaveLength(2);
  });

  it('retries network errors (TypeError) and types them as network', async () => {
    const { client, transport } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    expect((await caught(client.get('/api/v4/leads', '', okSchema, signal()))).kind).toBe('network');
    expect(transport.requests).toHaveLength(4);
  });

  it('honours Retry-After in seconds on 429, publishes the countdown and clears it after success', async () => {
    const { client, clock } = setup((_, i) => (i === 0 ? htmlResponse(429, { 'retry-after': '2' }) : jsonResponse(200, { ok: true })));
    const seen: Array<number | null> = [];
    client.subscribe(() => seen.push(client.getState().rateLimitedUntil));
    const start = clock.now();
    await expect(client.get('/api/v4/leads', '', okSchema, signal())).resolves.toEqual({ ok: true });
    expect(clock.now() - start).toBeGreaterThanOrEqual(2000);
    expect(seen).toContain(start + 2000);
    expect(client.getState().rateLimitedUntil).toBeNull();
    expect(client.getState().requests).toBe(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const clock = createFakeClock(Date.parse('2025-01-01T12:00:00Z'));
    const transport = createFakeTransport((_, i) =>
      i === 0 ? htmlResponse(429, { 'retry-after': 'Wed, 01 Jan 2025 12:00:03 GMT' }) : jsonResponse(200, { ok: true }),
    );
    const client = createKommoClient(transport, { random: () => 0, sleep: clock.sleep, now: clock.now });
    await client.get('/api/v4/leads', '', okSchema, signal());
    expect(clock.now()).toBeGreaterThanOrEqual(Date.parse('2025-01-01T12:00:03Z'));
  });

  it('does not wait out a very long Retry-After: fails with the countdown, and so do other calls meanwhile', async () => {
    const { client, transport } = setup(() => htmlResponse(429, { 'retry-after': '3600' }));
    const e = await caught(client.get('/api/v4/leads', '', okSchema, signal()));
    expect(e).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3_600_000 });
    expect(transport.requests).toHaveLength(1);
    const again = await caught(client.get('/api/v4/users', '', okSchema, signal()));
    expect(again.kind).toBe('rate-limited');
    expect(transport.requests).toHaveLength(1);
  });

  it('after a 403 blocks every further call (queued ones too) until unblock()', async () => {
    vi.useFakeTimers();
    let blocked = true;
    const transport = createFakeTransport((req) => (blocked && req.path === '/api/v4/leads' ? htmlResponse(403) : jsonResponse(200, { ok: true })));
    const client = createKommoClient(transport, { ratePerSecond: 1 });
    const states: boolean[] = [];
    client.subscribe(() => states.push(client.getState().blocked));

    const first = client.get('/api/v4/leads', '', okSchema, signal());
    // Queued behind the limiter (1 a second): must fail as soon as the 403 lands, not a second later.
    const queued = client.get('/api/v4/users', '', okSchema, signal());
    const firstError = caught(first);
    const queuedError = caught(queued);
    await vi.advanceTimersByTimeAsync(0);
    expect((await firstError).kind).toBe('forbidden');
    expect((await queuedError).kind).toBe('forbidden');
    expect(transport.requests).toHaveLength(1);
    expect(client.getState().blocked).toBe(true);
    expect(states).toContain(true);

    expect((await caught(client.get('/api/v4/account', '', okSchema, signal()))).kind).toBe('forbidden');
    expect(transport.requests).toHaveLength(1);

    blocked = false;
    client.unblock();
    expect(client.getState().blocked).toBe(false);
    const after = client.get('/api/v4/leads', '', okSchema, signal());
    await vi.advanceTimersByTimeAsync(2000);
    await expect(after).resolves.toEqual({ ok: true });
  });

  it('a JSON 403 on one endpoint is a missing right: that call fails, the endpoint is named once, nothing is blocked', async () => {
    const { client, transport } = setup((req) =>
      req.path === '/api/v4/users' || req.path.startsWith('/api/v4/catalogs')
        ? problemResponse(403, { title: 'Forbidden', detail: 'Insufficient rights to call this method' })
        : jsonResponse(200, { ok: true }),
    );
    const e = await caught(client.get('/api/v4/users', '', okSchema, signal()));
    expect(e).toMatchObject({ kind: 'forbidden', refusal: 'missing-right', detail: 'Insufficient rights to call this method' });
    await caught(client.get('/api/v4/users', '', okSchema, signal()));
    await caught(client.get('/api/v4/catalogs/5/elements', '', okSchema, signal()));
    expect(client.getState()).toMatchObject({ blocked: false, refused: ['/api/v4/catalogs', '/api/v4/users'] });
    await expect(client.get('/api/v4/leads', '', okSchema, signal())).resolves.toEqual({ ok: true });
    expect(transport.requests).toHaveLength(4);
  });

  it('a JSON 403 on /account is a block (every user may read the account), and so is one our proxy marks as not JSON upstream', async () => {
    const account = setup((req) => (req.path === '/api/v4/account' ? problemResponse(403, { title: 'Forbidden' }) : jsonResponse(200, { ok: true })));
    expect(await caught(account.client.get('/api/v4/account', '', okSchema, signal()))).toMatchObject({ kind: 'forbidden', refusal: 'block' });
    expect(account.client.getState().blocked).toBe(true);
    const proxied = setup(() =>
      problemResponse(403, { title: 'Forbidden', detail: 'Kommo answered 403 with an HTML page', upstream_not_json: true }),
    );
    expect(await caught(proxied.client.get('/api/v4/leads/tags', '', okSchema, signal()))).toMatchObject({ refusal: 'block' });
    expect(proxied.client.getState()).toMatchObject({ blocked: true, refused: [] });
  });

  it('never retries a 403', async () => {
    const { client, transport } = setup(() => problemResponse(403, { title: 'Forbidden' }));
    await caught(client.get('/api/v4/leads', '', okSchema, signal()));
    expect(transport.requests).toHaveLength(1);
  });

  it('abort while waiting for a retry rejects at once with aborted', async () => {
    const transport = createFakeTransport(() => htmlResponse(429, { 'retry-after': '30' }));
    const client = createKommoClient(transport);
    const controller = new AbortController();
    const pending = caught(client.get('/api/v4/leads', '', okSchema, controller.signal));
    // The 429 has been answered: the client now waits out its Retry-After.
    await vi.waitFor(() => expect(transport.requests).toHaveLength(1));
    const t0 = performance.now();
    controller.abort();
    const e = await pending;
    expect(e.kind).toBe('aborted');
    expect(performance.now() - t0).toBeLessThan(200);
    expect(transport.requests).toHaveLength(1);
  });

  it('abort while queued in the limiter rejects at once and sends nothing', async () => {
    vi.useFakeTimers();
    const transport = createFakeTransport(() => jsonResponse(200, { ok: true }));
    const client = createKommoClient(transport, { ratePerSecond: 1 });
    await client.get('/api/v4/leads', '', okSchema, signal());
    const controller = new AbortController();
    const pending = caught(client.get('/api/v4/leads', '', okSchema, controller.signal));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect((await pending).kind).toBe('aborted');
    await vi.advanceTimersByTimeAsync(2000);
    expect(transport.requests).toHaveLength(1);
  });

  it('abort in flight rejects at once even if the transport ignores the signal', async () => {
    let sent = 0;
    const deaf: Transport = {
      kind: 'proxy',
      get: () => {
        sent++;
        return hang();
      },
    };
    const client = createKommoClient(deaf);
    const controller = new AbortController();
    const pending = caught(client.get('/api/v4/leads', '', okSchema, controller.signal));
    // In flight: the transport has it.
    await vi.waitFor(() => expect(sent).toBe(1));
    controller.abort();
    expect((await pending).kind).toBe('aborted');
  });

  it('abort in flight reaches the transport signal', async () => {
    const transport = createFakeTransport(hang);
    const client = createKommoClient(transport);
    const controller = new AbortController();
    const pending = caught(client.get('/api/v4/leads', '', okSchema, controller.signal));
    await vi.waitFor(() => expect(transport.requests).toHaveLength(1));
    controller.abort();
    expect((await pending).kind).toBe('aborted');
    expect(transport.requests[0]?.signal.aborted).toBe(true);
  });

  it('an already aborted signal sends nothing', async () => {
    const { client, transport } = setup(() => jsonResponse(200, { ok: true }));
    const controller = new AbortController();
    controller.abort();
    expect((await caught(client.get('/api/v4/leads', '', okSchema, controller.signal))).kind).toBe('aborted');
    expect(transport.requests).toHaveLength(0);
  });
});

describe('rate limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps at most 6 request starts in any rolling second by default', async () => {
    vi.useFakeTimers();
    const starts: number[] = [];
    const transport = createFakeTransport(() => {
      starts.push(Date.now());
      return jsonResponse(200, { ok: true });
    });
    const client = createKommoClient(transport);
    const t0 = Date.now();
    const all = Promise.all(Array.from({ length: 20 }, () => client.get('/api/v4/leads', '', okSchema, signal())));
    await vi.advanceTimersByTimeAsync(5000);
    await all;
    expect(starts).toHaveLength(20);
    for (const s of starts) {
      expect(starts.filter((x) => x >= s && x < s + RATE_WINDOW_MS).length).toBeLessThanOrEqual(6);
    }
    // First come, first served, without idling: 6 now, 6 a second later...
    expect(starts.map((s) => s - t0)).toEqual([
      ...Array(6).fill(0),
      ...Array(6).fill(RATE_WINDOW_MS),
      ...Array(6).fill(2 * RATE_WINDOW_MS),
      3 * RATE_WINDOW_MS,
      3 * RATE_WINDOW_MS,
    ]);
  });

  it('lets an aborted waiter give its slot back', async () => {
    vi.useFakeTimers();
    const starts: number[] = [];
    const transport = createFakeTransport(() => {
      starts.push(Date.now());
      return jsonResponse(200, { ok: true });
    });
    const client = createKommoClient(transport, { ratePerSecond: 1 });
    const t0 = Date.now();
    await client.get('/api/v4/leads', '', okSchema, signal());
    const controller = new AbortController();
    const aborted = caught(client.get('/api/v4/leads', '', okSchema, controller.signal));
    controller.abort();
    await aborted;
    const next = client.get('/api/v4/leads', '', okSchema, signal());
    await vi.advanceTimersByTimeAsync(3000);
    await next;
    expect(starts.map((s) => s - t0)).toEqual([0, RATE_WINDOW_MS]);
  });
});
