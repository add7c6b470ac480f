import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServerApp } from './create-server-app.ts';
import { createDemoAccount } from './demo/demo-account.ts';
import type { UpstreamFetch } from './proxy.ts';
import { createLogger } from './redacting-logger.ts';
import { createUpstreamLimiter } from './upstream-limiter.ts';
import type { UpstreamLimiter } from './upstream-limiter.ts';

const TOKEN = 'tok_SECRET_0123456789abcdef';
const BASE = 'https://acme.kommo.com';

type Seen = { url: string; headers: Record<string, string>; at: number };

/** A stand-in Kommo: answers a few paths with the misbehaviours the proxy must absorb. */
function fakeKommo(seen: Seen[]): Hono {
  const kommo = new Hono();
  kommo.use('*', async (c, next) => {
    seen.push({ url: c.req.url, headers: Object.fromEntries(c.req.raw.headers), at: Date.now() });
    if (c.req.header('authorization') !== `Bearer ${TOKEN}`) return c.json({ title: 'Unauthorized', status: 401 }, 401);
    await next();
  });
  kommo.get('/api/v4/leads', (c) => {
    c.header('set-cookie', 'session=abc');
    c.header('x-powered-by', 'kommo');
    // Kommo's clock, an hour behind this machine's: the local copy's cursors come from it.
    c.header('date', 'Sun, 06 Dec 2026 10:00:00 GMT');
    return c.json({ _page: 1, _embedded: { leads: [{ id: 1, name: 'Deal' }] } });
  });
  kommo.get('/api/v4/account', (c) => c.redirect('https://evil.example/steal', 302));
  kommo.get('/api/v4/users', (c) => c.html('<html><body><h1>403 Forbidden</h1>nginx</body></html>', 403));
  kommo.get('/api/v4/contacts', () => new Response('', { status: 429, headers: { 'retry-after': '3' } }));
  kommo.get(
    '/api/v4/companies',
    () =>
      new Response(JSON.stringify({ title: 'Bad Request', status: 400, 'validation-errors': [] }), {
        status: 400,
        headers: { 'content-type': 'application/problem+json' },
      }),
  );
  // A broken upstream that echoes the request's credentials back.
  kommo.get('/api/v4/sources', (c) => c.json({ echoed: c.req.header('authorization') }));
  kommo.get('/api/v4/leads/loss_reasons', (c) => c.text(`Internal error, token=${TOKEN}`, 500));
  kommo.get('/api/v4/leads/tags', () => new Response(null, { status: 204 }));
  kommo.get('/api/v4/catalogs', () => new Promise<Response>(() => undefined));
  return kommo;
}

/** The app's own fetch layer always sends its header; a test that means otherwise says so in init. */
function withAppHeader(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  if (!headers.has('x-kommo-leads-browser')) headers.set('x-kommo-leads-browser', '1');
  return { ...init, headers };
}

type Setup = {
  mode?: 'demo' | 'real';
  fetch?: UpstreamFetch;
  limiter?: UpstreamLimiter;
  timeoutMs?: number;
  allowHost?: (host: string) => boolean;
  baseUrl?: string;
};

function setup(o: Setup = {}) {
  const seen: Seen[] = [];
  const logs: string[] = [];
  const kommo = fakeKommo(seen);
  const app = createServerApp({
    mode: o.mode ?? 'real',
    upstream: { baseUrl: o.baseUrl ?? BASE, token: TOKEN, fetch: o.fetch ?? ((request) => kommo.fetch(request)) },
    distDir: '/nonexistent-dist',
    frameAncestors: ['https://*.kommo.com'],
    upstreamTimeoutMs: o.timeoutMs ?? 2000,
    logger: createLogger([TOKEN], (_level, line) => logs.push(line)),
    limiter: o.limiter ?? createUpstreamLimiter({ perSecond: 1000, maxQueue: 1000 }),
    allowHost: o.allowHost,
  });
  const responses: Response[] = [];
  /** Sends a request with its raw target as the Node adapter would see it (before URL normalisation). */
  const call = async (target: string, init?: RequestInit) => {
    const url = target.startsWith('http') ? target : `http://localhost${target.replace(/[\r\n]/g, '')}`;
    const incoming = { url: target.startsWith('http') ? undefined : target, socket: { remoteAddress: '10.1.2.3' } };
    const response = await app.request(url, withAppHeader(init), { incoming } as any);
    responses.push(response.clone());
    return response;
  };
  return { app, call, seen, logs, responses };
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await response.json();
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  return body as { detail: string; retry_after?: number };
}

/** Fails when the token shows up anywhere in what the clients got or what the server logged. */
async function expectNoToken(responses: Response[], logs: string[]) {
  for (const response of responses) {
    expect(await response.text()).not.toContain(TOKEN);
    for (const [name, value] of response.headers) expect(`${name}: ${value}`).not.toContain(TOKEN);
  }
  for (const line of logs) expect(line).not.toContain(TOKEN);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('API proxy: forwarding', () => {
  it('forwards an allowlisted GET with the token added server-side and only safe headers back', async () => {
    const { call, seen } = setup();
    const response = await call('/api/v4/leads?page=2&limit=50&filter%5Bstatuses%5D%5B0%5D%5Bpipeline_id%5D=1', {
      headers: { cookie: 'x=1', authorization: 'Bearer client-supplied' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ _embedded: { leads: [{ id: 1 }] } });
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${BASE}/api/v4/leads?page=2&limit=50&filter%5Bstatuses%5D%5B0%5D%5Bpipeline_id%5D=1`);
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers.cookie).toBeUndefined();
    expect(seen[0]!.headers['x-demo-client']).toBeUndefined();
  });

  it('never lets Host, X-Forwarded-* or an absolute-form target choose the upstream', async () => {
    const { call, seen } = setup();
    await call('/api/v4/leads', {
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http', 'x-forwarded-for': '1.2.3.4', forwarded: 'host=evil.example' },
    });
    await call('http://localhost:8080/api/v4/leads');
    // A foreign Host is refused outright by the host guard (see "DNS rebinding" below).
    await expectProblem(await call('/api/v4/leads', { headers: { host: 'evil.example' } }), 403);
    await expectProblem(await call('http://evil.example:8080/api/v4/leads'), 403);
    expect(seen.map((s) => new URL(s.url).origin)).toEqual([BASE, BASE]);
    expect(seen.every((s) => s.headers['x-forwarded-host'] === undefined && s.headers.forwarded === undefined)).toBe(true);
  });

  it('names the client to the demo account (X-Demo-Client) in demo mode only', async () => {
    const demo = setup({ mode: 'demo' });
    await demo.call('/api/v4/leads');
    expect(demo.seen[0]!.headers['x-demo-client']).toBe('10.1.2.3');
  });

  it('never forwards a browser-supplied X-Context-User-ID (a page may not choose whose rights the token runs with)', async () => {
    const { call, seen } = setup();
    await call('/api/v4/leads', { headers: { 'x-context-user-id': '8100001', 'X-Context-User-Id': '42' } });
    expect(seen).toHaveLength(1);
    expect(Object.keys(seen[0]!.headers).map((h) => h.toLowerCase())).not.toContain('x-context-user-id');
  });

  it('in demo mode, a browser-supplied X-Context-User-ID does not narrow the demo to that user', async () => {
    const demo = createDemoAccount({ leads: 60, token: TOKEN, rateLimit: false });
    const manager = demo.data.team.find((m) => m.key === 'manager-no-export')!;
    const { call } = setup({ mode: 'demo', fetch: (request) => demo.app.fetch(request) });
    const asOwner = await (await call('/api/v4/leads?limit=250')).json();
    const asForged = await (await call('/api/v4/leads?limit=250', { headers: { 'x-context-user-id': String(manager.userId) } })).json();
    expect(asForged._embedded.leads).toHaveLength(asOwner._embedded.leads.length);
    expect(asOwner._embedded.leads).toHaveLength(60);
    expect((await call('/api/v4/users', { headers: { 'x-context-user-id': String(manager.userId) } })).status).toBe(200);
  });

  it('passes 204 through with an empty body', async () => {
    const { call } = setup();
    const response = await call('/api/v4/leads/tags');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});

describe('API proxy: refusals', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])('refuses %s with 405 and Allow: GET', async (method) => {
    const { call, seen } = setup();
    const response = await call('/api/v4/leads', { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    if (method !== 'HEAD') await expectProblem(response, 405);
    expect(seen).toHaveLength(0);
  });

  it.each<Record<string, string>>([{ 'content-length': '5' }, { 'transfer-encoding': 'chunked' }])(
    'refuses a GET carrying a body (%j) with 400',
    async (headers) => {
      const { call, seen } = setup();
      await expectProblem(await call('/api/v4/leads', { headers }), 400);
      expect(seen).toHaveLength(0);
    },
  );

  it.each([
    '/api/v4/leads/1',
    '/api/v4/leads/1/notes',
    '/api/v4/tasks',
    '/api/v4/events/1',
    '/api/v2/leads',
    '/api/v4/leads/',
    '/api/v4//leads',
    '/api/v4/catalogs/x/elements',
    '/api',
    '/api/v4/LEADS',
  ])('refuses the off-list path %s with 404', async (path) => {
    const { call, seen } = setup();
    await expectProblem(await call(path), 404);
    expect(seen).toHaveLength(0);
  });

  it.each([
    '/api/v4/leads/../users',
    '/api/v4/../v4/leads',
    '/api/v4/%2e%2e/v4/leads',
    '/api/v4/%2E%2E/v4/leads',
    '/api/v4/leads%2f..%2fusers',
    '/api/v4/leads%2Fpipelines',
    '/api/v4/%252e%252e/leads',
    '/api/v4/.%2e/leads',
    '/api/v4\\leads',
    '/api/v4/leads%5c..%5cusers',
    '/api/v4/./leads',
    '/api/v4/leads%00',
  ])('refuses the traversal %s with 400', async (path) => {
    const { call, seen } = setup();
    await expectProblem(await call(path), 400);
    expect(seen).toHaveLength(0);
  });

  it('refuses a query string over 8 KB with 414', async () => {
    const { call, seen } = setup();
    await expectProblem(await call(`/api/v4/leads?query=${'a'.repeat(8200)}`), 414);
    expect(seen).toHaveLength(0);
    expect((await call(`/api/v4/leads?query=${'a'.repeat(8000)}`)).status).toBe(200);
  });

  it.each([
    '/api/v4/leads?query=a%0d%0aSet-Cookie:%20x=1',
    '/api/v4/leads?query=a%0Ab',
    '/api/v4/leads?query=%00',
    '/api/v4/leads?query=%7f',
    '/api/v4/leads?query=a\r\nX-Injected: 1',
    '/api/v4/leads?query=a\tb',
    '/api/v4/leads?query=%zz',
    '/api/v4/leads?query=100%',
  ])('refuses control characters or broken encoding in %j with 400', async (target) => {
    const { call, seen } = setup();
    await expectProblem(await call(target), 400);
    expect(seen).toHaveLength(0);
  });

  it('answers 403 for a foreign Host when a host guard is configured', async () => {
    const { call, seen } = setup({ allowHost: (host) => host === 'localhost' });
    await expectProblem(await call('/api/v4/leads', { headers: { host: 'rebound.evil.example' } }), 403);
    expect((await call('/api/v4/leads', { headers: { host: 'localhost' } })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

describe('API proxy: upstream misbehaviour', () => {
  it('does not follow an upstream redirect: 502 problem+json', async () => {
    const { call, seen } = setup();
    const body = await expectProblem(await call('/api/v4/account'), 502);
    expect(body.detail).toMatch(/redirect/);
    expect(seen).toHaveLength(1);
  });

  it('does not follow redirects of a real network upstream either', async () => {
    const { serve } = await import('@hono/node-server');
    const redirecting = new Hono();
    let hits = 0;
    redirecting.get('*', (c) => {
      hits += 1;
      return c.redirect('/api/v4/leads?again=1', 301);
    });
    const server = serve({ fetch: redirecting.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const { call } = setup({ fetch: (request) => fetch(request), baseUrl: `http://127.0.0.1:${port}` });
      await expectProblem(await call('/api/v4/leads'), 502);
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });

  it('turns an HTML error page into problem+json with the same status', async () => {
    const { call } = setup();
    const body = await expectProblem(await call('/api/v4/users'), 403);
    expect(body.detail).toMatch(/HTML/);
  });

  it('passes Kommo’s Date header on (its clock, not this server’s), and only a well-formed one', async () => {
    const { call } = setup();
    expect((await call('/api/v4/leads')).headers.get('date')).toBe('Sun, 06 Dec 2026 10:00:00 GMT');
  });

  it('turns an empty 429 into problem+json and keeps Retry-After', async () => {
    const { call } = setup();
    const response = await call('/api/v4/contacts');
    expect(response.headers.get('retry-after')).toBe('3');
    const body = await expectProblem(response, 429);
    expect(body.retry_after).toBe(3);
    expect(body.detail).toMatch(/empty body/);
  });

  it('passes a JSON problem through as problem+json', async () => {
    const { call } = setup();
    const response = await call('/api/v4/companies');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({ title: 'Bad Request', status: 400, 'validation-errors': [] });
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    const { call } = setup({ timeoutMs: 150 });
    const started = Date.now();
    const body = await expectProblem(await call('/api/v4/catalogs'), 504);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(body.detail).toMatch(/did not answer/);
  });

  it('answers 502 with a clear detail when the upstream is unreachable', async () => {
    // A loopback port that was just free: nothing listens there.
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise((resolve) => probe.close(resolve));
    const { call, logs } = setup({ fetch: (request) => fetch(request), baseUrl: `http://127.0.0.1:${port}` });
    const body = await expectProblem(await call('/api/v4/leads'), 502);
    expect(body.detail).toBe(`Could not reach the Kommo API at http://127.0.0.1:${port} (ECONNREFUSED).`);
    expect(logs.join('\n')).toMatch(/unreachable/);
  });

  it('answers 502 when the upstream fetch throws', async () => {
    const { call } = setup({ fetch: () => Promise.reject(new TypeError(`boom with Bearer ${TOKEN}`)) });
    const body = await expectProblem(await call('/api/v4/leads'), 502);
    expect(body.detail).not.toContain(TOKEN);
  });
});

describe('API proxy: the token stays secret', () => {
  it('never shows the token in any response header, body or log line', async () => {
    const { call, responses, logs } = setup({ timeoutMs: 100 });
    const targets = [
      '/api/v4/leads',
      '/api/v4/account',
      '/api/v4/users',
      '/api/v4/contacts',
      '/api/v4/companies',
      '/api/v4/sources',
      '/api/v4/leads/loss_reasons',
      '/api/v4/catalogs',
      '/api/v4/leads/tags',
      '/api/v4/nope',
      '/api/v4/../x',
      '/healthz',
      '/',
    ];
    for (const target of targets) await call(target);
    await call('/api/v4/leads', { method: 'POST' });
    const echoed = responses[5]!.clone();
    expect(await echoed.json()).toEqual({ echoed: 'Bearer [redacted]' });
    await expectNoToken(responses, logs);
    expect(logs.length).toBeGreaterThan(0);
  });
});

describe('API proxy: rate limiting', () => {
  it('keeps upstream calls within the sliding window, queueing rather than dropping', async () => {
    // On an injected clock: a loaded machine's scheduling cannot move the calls in or out of a window.
    let now = 0;
    const timers: Array<{ at: number; run: () => void }> = [];
    const clock = { now: () => now, setTimer: (run: () => void, ms: number) => void timers.push({ at: now + ms, run }) };
    const arrived: number[] = [];
    const { call } = setup({
      limiter: createUpstreamLimiter({ perSecond: 3, maxQueue: 100, windowMs: 200, clock }),
      fetch: () => {
        arrived.push(now);
        return new Response('{"_page":1,"_links":{},"_embedded":{"leads":[]}}', { headers: { 'content-type': 'application/hal+json' } });
      },
    });
    const answers = Promise.all(Array.from({ length: 9 }, () => call('/api/v4/leads')));
    for (let step = 0; step < 200 && arrived.length < 9; step++) {
      await new Promise((r) => setImmediate(r));
      timers.sort((a, b) => a.at - b.at);
      const due = timers.shift();
      if (due !== undefined) {
        now = due.at;
        due.run();
      }
    }
    expect((await answers).map((r) => r.status)).toEqual(Array(9).fill(200));
    expect(arrived).toHaveLength(9);
    for (let i = 3; i < arrived.length; i += 1) expect(arrived[i]! - arrived[i - 3]!).toBeGreaterThanOrEqual(200);
  });

  it('answers 429 with Retry-After once the queue is full', async () => {
    const { call, seen } = setup({ limiter: createUpstreamLimiter({ perSecond: 1, maxQueue: 2, windowMs: 100 }) });
    const answers = await Promise.all(Array.from({ length: 6 }, () => call('/api/v4/leads')));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(seen).toHaveLength(3);
  });

  it('uses under 7 upstream calls a second by default', async () => {
    const seen: number[] = [];
    const kommo = new Hono().get('*', (c) => {
      seen.push(Date.now());
      return c.json({});
    });
    const app = createServerApp({
      mode: 'real',
      upstream: { baseUrl: BASE, token: TOKEN, fetch: (r) => kommo.fetch(r) },
      distDir: '/nonexistent-dist',
      frameAncestors: [],
      upstreamTimeoutMs: 5000,
      logger: createLogger([TOKEN], () => undefined),
    });
    await Promise.all(Array.from({ length: 8 }, () => app.request('/api/v4/leads', withAppHeader())));
    seen.sort((a, b) => a - b);
    expect(seen[6]! - seen[0]!).toBeGreaterThanOrEqual(950);
  });
});

describe('upstream limiter', () => {
  it('grants at most perSecond calls in any window, in order', async () => {
    vi.useFakeTimers();
    const limiter = createUpstreamLimiter({ perSecond: 2, maxQueue: 10 });
    const granted: number[] = [];
    const start = Date.now();
    const all = Array.from({ length: 5 }, (_, i) =>
      limiter.acquire().then((grant) => {
        if (grant.granted) grant.sent();
        granted.push(i);
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1]);
    expect(limiter.queued).toBe(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
    expect(Date.now() - start).toBe(2000);
  });

  it('drops a waiting call when its client aborts', async () => {
    vi.useFakeTimers();
    const limiter = createUpstreamLimiter({ perSecond: 1, maxQueue: 10 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(limiter.queued).toBe(1);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.queued).toBe(0);
  });
});

describe('API proxy: fair per person (issue 21)', () => {
  it("queues the app's walks (X-Kommo-Priority: walk) behind visible lists, and names the client by its address without sign-in", async () => {
    const asked: Array<{ client: string | undefined; priority: string | undefined }> = [];
    const inner = createUpstreamLimiter({ perSecond: 1000, maxQueue: 1000 });
    const limiter: UpstreamLimiter = {
      get queued() {
        return inner.queued;
      },
      acquire: (signal, client, priority) => {
        asked.push({ client, priority });
        return inner.acquire(signal, client, priority);
      },
    };
    const { call } = setup({ limiter });
    await call('/api/v4/leads?limit=5', { headers: { 'x-kommo-priority': 'walk' } });
    await call('/api/v4/leads?limit=5');
    expect(asked).toEqual([
      { client: 'address:10.1.2.3', priority: 'walk' },
      { client: 'address:10.1.2.3', priority: 'visible' },
    ]);
  });
});
