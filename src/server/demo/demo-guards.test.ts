import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { serve } from '@hono/node-server';
import { problemSchema } from '@/kommo/problem-schema';
import { createDemoAccount } from './demo-account';
import { createDemoTestClient } from './demo-test-client';
import { DemoConnectionDroppedError, parseFaultPatch } from './faults';

const TOKEN = 'guard-token';

describe('auth', () => {
  const { app } = createDemoAccount({ token: TOKEN, leads: 50, rateLimit: false });
  it('answers 401 problem+json without the configured bearer token', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: 'Bearer wrong' },
      { Authorization: TOKEN },
      { Authorization: `Basic ${TOKEN}` },
    ]) {
      const res = await app.request('/api/v4/leads', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
      expect(problemSchema.parse(await res.json()).status).toBe(401);
    }
    expect((await app.request('/api/v4/leads', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});

describe('rate limit: sliding one-second window per X-Demo-Client', () => {
  let clock = 1_000_000;
  const { app } = createDemoAccount({ token: TOKEN, leads: 50, now: () => clock });
  const get = createDemoTestClient(app, TOKEN);

  it('counts a slow call (latencyMs) when it arrives, not when its answer leaves', async () => {
    let t = 5_000_000;
    const slow = createDemoAccount({ token: TOKEN, leads: 50, faults: true, now: () => t });
    slow.faults.set({ latencyMs: 150, pathPrefix: '/api/v4/leads' });
    const client = createDemoTestClient(slow.app, TOKEN);
    const headers = { 'X-Demo-Client': 'slow' };
    // Seven slow calls arrive at once: within the limit.
    const arriving = Array.from({ length: 7 }, () => client('/api/v4/leads?limit=1', { headers }));
    // Their arrival is handled before any timer (the limiter's check is promise work only); then more
    // than a second passes on the account's clock while their answers are still on the way.
    await new Promise((resolve) => setImmediate(resolve));
    t += 1_100;
    expect((await Promise.all(arriving)).map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    // Seven fresh calls in the new second are within the limit too: the slow ones were counted before it.
    for (let i = 0; i < 7; i++) expect((await client('/api/v4/account', { headers })).status).toBe(200);
    expect((await client('/api/v4/account', { headers })).status).toBe(429);
  });

  it('answers the 8th request within a second with 429, Retry-After and retry_after', async () => {
    for (let i = 0; i < 7; i++) {
      clock += 10;
      expect((await get('/api/v4/account', { headers: { 'X-Demo-Client': 'a' } })).status).toBe(200);
    }
    const refused = await get('/api/v4/account', { headers: { 'X-Demo-Client': 'a' } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect(refused.headers.get('Content-Type')).toBe('application/problem+json');
    expect(problemSchema.parse(refused.json).retry_after).toBe(1);
    // Another client has its own bucket.
    expect((await get('/api/v4/account', { headers: { 'X-Demo-Client': 'b' } })).status).toBe(200);
    // The window slides: once the first request is older than a second, one more fits.
    clock += 940;
    expect((await get('/api/v4/account', { headers: { 'X-Demo-Client': 'a' } })).status).toBe(200);
    expect((await get('/api/v4/account', { headers: { 'X-Demo-Client': 'a' } })).status).toBe(429);
    clock += 10;
    expect((await get('/api/v4/account', { headers: { 'X-Demo-Client': 'a' } })).status).toBe(200);
  });

  it('puts requests without X-Demo-Client into one bucket', async () => {
    clock += 5000;
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await get('/api/v4/account')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 429, 429]);
  });
});

describe('fault switches', () => {
  const { app, faults } = createDemoAccount({ token: TOKEN, leads: 50, rateLimit: false, faults: true });
  const get = createDemoTestClient(app, TOKEN);
  beforeEach(() => faults.reset());

  it('has no control endpoint unless created with faults: true', async () => {
    const plain = createDemoAccount({ token: TOKEN, leads: 10, rateLimit: false });
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await plain.app.request('/__demo/faults', { method, ...(method === 'POST' ? { body: '{"hang":true}' } : {}) });
      expect(res.status).toBe(404);
    }
    expect(plain.faults.get().hang).toBe(false);
  });

  it('is set, read and reset over /__demo/faults, refusing unknown settings', async () => {
    const set = await app.request('/__demo/faults', { method: 'POST', body: JSON.stringify({ latencyMs: 5, pathPrefix: '/api/v4/leads' }) });
    expect(await set.json()).toMatchObject({ latencyMs: 5, pathPrefix: '/api/v4/leads', hang: false });
    expect(await (await app.request('/__demo/faults')).json()).toMatchObject({ latencyMs: 5 });
    expect((await app.request('/__demo/faults', { method: 'POST', body: '{"nope":1}' })).status).toBe(400);
    expect((await app.request('/__demo/faults', { method: 'POST', body: '{"errorRate":2}' })).status).toBe(400);
    expect((await app.request('/__demo/faults', { method: 'POST', body: 'not json' })).status).toBe(400);
    await app.request('/__demo/faults', { method: 'DELETE' });
    expect(faults.get().latencyMs).toBe(0);
    expect(parseFaultPatch({ burst429: 2 })).toEqual({ ok: true, patch: { burst429: 2 } });
    expect(parseFaultPatch({ burst429: 'x' }).ok).toBe(false);
  });

  it('latencyMs delays answers', async () => {
    faults.set({ latencyMs: 120 });
    const start = performance.now();
    expect((await get('/api/v4/account')).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(110);
  });

  it('errorRate answers an even share with 500 and a trace_id', async () => {
    faults.set({ errorRate: 0.5 });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await get('/api/v4/account'));
    expect(answers.map((a) => a.status)).toEqual([500, 200, 500, 200, 500, 200]);
    expect(problemSchema.parse(answers[0]!.json).trace_id).toBeTruthy();
  });

  it('burst429 refuses the next N requests with Retry-After', async () => {
    faults.set({ burst429: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const a = await get('/api/v4/account');
      statuses.push(a.status);
      if (a.status === 429) expect(a.headers.get('Retry-After')).toBe('1');
    }
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('blocked403 answers every request 403 with nginx HTML until cleared', async () => {
    faults.set({ blocked403: true });
    for (let i = 0; i < 2; i++) {
      const a = await get('/api/v4/leads');
      expect(a.status).toBe(403);
      expect(a.headers.get('Content-Type')).toBe('text/html');
      expect(a.text).toContain('<center><h1>403 Forbidden</h1></center>');
    }
    faults.set({ blocked403: false });
    expect((await get('/api/v4/leads')).status).toBe(200);
  });

  it('unauthorized401 answers every request 401 problem+json, as for an expired token, until cleared', async () => {
    faults.set({ unauthorized401: true });
    const refused = await get('/api/v4/leads');
    expect([refused.status, refused.headers.get('Content-Type')]).toEqual([401, 'application/problem+json']);
    expect(JSON.parse(refused.text)).toMatchObject({ status: 401 });
    faults.set({ unauthorized401: false });
    expect((await get('/api/v4/leads')).status).toBe(200);
  });

  it('htmlErrors turns error bodies into nginx HTML, keeping status and Retry-After', async () => {
    faults.set({ htmlErrors: true, burst429: 1 });
    const limited = await get('/api/v4/account');
    expect([limited.status, limited.headers.get('Content-Type'), limited.headers.get('Retry-After')]).toEqual([429, 'text/html', '1']);
    const notFound = await get('/api/v4/nowhere');
    expect([notFound.status, notFound.headers.get('Content-Type')]).toEqual([404, 'text/html']);
    expect((await app.request('/api/v4/leads')).headers.get('Content-Type')).toBe('text/html');
    expect((await get('/api/v4/account')).status).toBe(200);
  });

  it('malformedJson answers 200 with truncated JSON', async () => {
    faults.set({ malformedJson: true });
    const res = await app.request('/api/v4/leads', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/hal+json');
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('hang never answers until the client aborts', async () => {
    faults.set({ hang: true, pathPrefix: '/api/v4/leads' });
    const controller = new AbortController();
    let settled = false;
    const pending = Promise.resolve(
      app.request('/api/v4/leads', { headers: { Authorization: `Bearer ${TOKEN}` }, signal: controller.signal }),
    ).finally(() => {
      settled = true;
    });
    // A request sent after it, outside the fault's path, has its answer: the hung one would have had its own by now.
    const control = await app.request('/api/v4/account', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(control.status).toBe(200);
    await control.text();
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('dropConnection makes app.request reject with DemoConnectionDroppedError', async () => {
    faults.set({ dropConnection: true });
    await expect(app.request('/api/v4/leads', { headers: { Authorization: `Bearer ${TOKEN}` } })).rejects.toBeInstanceOf(DemoConnectionDroppedError);
  });

  it('pathPrefix limits faults to matching paths', async () => {
    faults.set({ blocked403: true, pathPrefix: '/api/v4/leads' });
    expect((await get('/api/v4/leads/pipelines')).status).toBe(403);
    expect((await get('/api/v4/account')).status).toBe(200);
  });
});

describe('served over HTTP by @hono/node-server', () => {
  const { app, faults } = createDemoAccount({ token: TOKEN, leads: 50, rateLimit: false, faults: true });
  const port = 4500;
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('dropConnection resets the socket: fetch fails as a network error', async () => {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v4/account`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
      signal: AbortSignal.timeout(5000),
    });
    expect(ok.status).toBe(200);
    faults.set({ dropConnection: true });
    await expect(
      fetch(`http://127.0.0.1:${port}/api/v4/account`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(5000) }),
    ).rejects.toThrow(TypeError);
    faults.reset();
  });

  it('hang keeps the request open until the client gives up', async () => {
    faults.set({ hang: true });
    await expect(
      fetch(`http://127.0.0.1:${port}/api/v4/account`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(300) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    faults.reset();
    const after = await fetch(`http://127.0.0.1:${port}/api/v4/account`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
      signal: AbortSignal.timeout(5000),
    });
    expect(after.status).toBe(200);
  });
});
