// The attacks of issue 11 against the server app in-process: each must be refused before the
// upstream is called and before the rate budget is touched (the limiter is never asked).
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { createServerApp } from './create-server-app.ts';
import type { ServerAppOptions } from './create-server-app.ts';
import { createDemoAccount } from './demo/demo-account.ts';
import { createLogger } from './redacting-logger.ts';
import { createUpstreamLimiter } from './upstream-limiter.ts';
import type { UpstreamLimiter } from './upstream-limiter.ts';

const TOKEN = 'tok_GUARD_0123456789';
const APP = { 'x-kommo-leads-browser': '1' };

function kommo(): Hono {
  const app = new Hono();
  app.get('/api/v4/leads', (c) => c.json({ _embedded: { leads: [{ id: 1 }] } }));
  app.get('/api/v4/account', () => new Response(JSON.stringify({ id: 1 }), { headers: { 'content-type': 'application/hal+json;charset=utf-8' } }));
  app.get(
    '/api/v4/users',
    () => new Response('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', { headers: { 'content-type': 'image/svg+xml' } }),
  );
  app.get('/api/v4/contacts', () => new Response('alert(document.domain)', { headers: { 'content-type': 'application/javascript' } }));
  app.get('/api/v4/companies', () => new Response('<script>alert(1)</script>', { headers: { 'content-type': 'text/html' } }));
  app.get('/api/v4/sources', () => new Response(new TextEncoder().encode('{"a":1}')));
  app.get('/api/v4/catalogs', () => new Response('{"a":1}', { headers: { 'content-type': 'text/plain' } }));
  return app;
}

function setup(over: Partial<ServerAppOptions> = {}) {
  const upstream = kommo();
  const counts = { upstream: 0, acquired: 0 };
  const inner = createUpstreamLimiter({ perSecond: 1000, maxQueue: 1000 });
  const limiter: UpstreamLimiter = {
    get queued() {
      return inner.queued;
    },
    acquire(signal, client) {
      counts.acquired++;
      return inner.acquire(signal, client);
    },
  };
  const app = createServerApp({
    mode: 'real',
    upstream: {
      baseUrl: 'https://acme.kommo.com',
      token: TOKEN,
      fetch: (r) => {
        counts.upstream++;
        return upstream.fetch(r);
      },
    },
    distDir: '/nonexistent-dist',
    frameAncestors: ['https://acme.kommo.com'],
    upstreamTimeoutMs: 2000,
    logger: createLogger([TOKEN], () => undefined),
    limiter,
    ...over,
  });
  const call = (target: string, headers: Record<string, string> = {}, address = '10.0.0.1') =>
    app.request(`http://localhost${target}`, { headers }, { incoming: { url: target, socket: { remoteAddress: address } } } as never);
  return { app, call, counts };
}

describe('API requests from other pages (issue 11, attack 1)', () => {
  it.each([
    ['a hidden iframe of another site', { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'navigate' }],
    [
      "a no-cors fetch of another site (it cannot add the app's header)",
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'no-cors' },
    ],
    [
      "a cross-site fetch that somehow carries the app's header",
      { ...APP, 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' },
    ],
    ['a sibling subdomain (same-site)', { ...APP, 'sec-fetch-site': 'same-site', 'sec-fetch-dest': 'empty' }],
    ['an <img> on our own origin', { ...APP, 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'image' }],
    ['a <script src> on our own origin', { ...APP, 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'script' }],
    ['a typed URL (a top-level navigation)', { 'sec-fetch-site': 'none', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }],
    ["an old browser or curl without the app's header", {}],
    ["a wrong value of the app's header", { 'x-kommo-leads-browser': 'yes' }],
  ])('refuses %s with 403, no upstream call and no rate budget', async (_name, headers) => {
    const { call, counts } = setup();
    const response = await call('/api/v4/leads?filter[price][from]=1000', headers);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(counts).toEqual({ upstream: 0, acquired: 0 });
  });

  it("answers the app's own fetch and curl with the header", async () => {
    const { call, counts } = setup();
    expect(
      (await call('/api/v4/leads', { ...APP, 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' })).status,
    ).toBe(200);
    expect((await call('/api/v4/leads', APP)).status).toBe(200);
    expect(counts.upstream).toBe(2);
  });

  it('guards the demo account the same way (it is served through the same /api path)', async () => {
    const demo = createDemoAccount({ leads: 20, token: TOKEN, rateLimit: false });
    let reached = 0;
    const { call } = setup({
      mode: 'demo',
      upstream: {
        baseUrl: 'http://demo.kommo.localhost',
        token: TOKEN,
        fetch: (r, c) => {
          reached++;
          return demo.app.fetch(r, c);
        },
      },
    });
    expect((await call('/api/v4/leads?limit=1', { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'iframe' })).status).toBe(403);
    expect(reached).toBe(0);
    expect((await call('/api/v4/leads?limit=1', APP)).status).toBe(200);
    expect(reached).toBe(1);
  });
});

describe('DNS rebinding (attack 2)', () => {
  it('refuses a foreign Host on every path, API and app alike, before the upstream', async () => {
    const { call, counts } = setup();
    for (const target of ['/api/v4/leads', '/', '/app-config.json']) {
      const response = await call(target, { ...APP, host: 'rebound.evil.example:3000' });
      expect(response.status, target).toBe(403);
    }
    expect(counts).toEqual({ upstream: 0, acquired: 0 });
    expect((await call('/healthz', { host: 'rebound.evil.example' })).status).toBe(200);
  });
});

describe('what the upstream may serve (attack 4)', () => {
  it.each([
    ['/api/v4/users', 'image/svg+xml'],
    ['/api/v4/contacts', 'application/javascript'],
    ['/api/v4/companies', 'text/html'],
    ['/api/v4/catalogs', 'text/plain'],
    ['/api/v4/sources', 'no content type'],
  ])('turns a 200 of %s with %s into a 502 problem', async (path, type) => {
    const { call } = setup();
    const response = await call(path, APP);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as { detail: string };
    expect(body.detail).toContain(type === 'no content type' ? 'no content type' : type);
    expect(body.detail).not.toMatch(/alert|<svg|<script/);
  });

  it('sends JSON as application/json with CORP, nosniff and a CSP that runs nothing', async () => {
    const { call } = setup();
    for (const path of ['/api/v4/account', '/api/v4/leads', '/api/v4/users', '/api/v4/nope']) {
      const response = await call(path, APP);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/(problem\+)?json/);
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    }
    expect((await call('/api/v4/account', APP)).headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('leads queries checked with the shared codec (attack 9)', () => {
  it('refuses unknown keys with a problem+json 400 and never asks Kommo', async () => {
    const { call, counts } = setup();
    for (const query of ['debug=1', 'filter[secret]=1', 'order[price]=asc', 'limit=5&__proto__[x]=1']) {
      const response = await call(`/api/v4/leads?${query}`, APP);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.text()).toContain('validation-errors');
    }
    expect(counts.upstream).toBe(0);
    const known =
      'with=contacts&limit=250&page=2&query=ana&order[updated_at]=desc&filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=2&filter[price][from]=10&filter[id][]=5';
    expect((await call(`/api/v4/leads?${known}`, APP)).status).toBe(200);
    expect(counts.upstream).toBe(1);
  });
});

describe('fair queueing (attack 3)', () => {
  it("serves another client's requests while one client floods the proxy with 200", async () => {
    // The default limiter: 6 calls per 1,050 ms, 40 waiting per client: the flood gets at most one
    // window plus its queue served, the rest refused at once; the other client is served in turn.
    // Its windows pass on a fake clock (Date and timers), so the 8 seconds of queue take none.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { call, counts } = setup({ limiter: undefined });
      const flood = Array.from({ length: 200 }, () => call('/api/v4/leads', APP, '10.6.6.6'));
      const others = Array.from({ length: 3 }, () => call('/api/v4/leads', APP, '10.0.0.7'));
      const all = Promise.all([Promise.all(others), Promise.all(flood)]);
      let settled = false;
      void all.finally(() => (settled = true));
      while (!settled) await vi.advanceTimersByTimeAsync(50);
      const [otherResponses, floodResponses] = await all;
      const otherStatuses = otherResponses.map((r) => r.status);
      const floodStatuses = floodResponses.map((r) => r.status);
      expect(otherStatuses).toEqual([200, 200, 200]);
      expect(floodStatuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(200 - (40 + 6));
      expect(counts.upstream).toBeLessThanOrEqual(40 + 6 + 3);
    } finally {
      vi.useRealTimers();
    }
  });
});
