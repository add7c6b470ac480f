// Hostile requests against the real server app (create-server-app.ts) with the real demo account
// behind it, in-process: every refusal of the platform issue plus oversized, encoded, CRLF and
// spoofed-host variants. A probe is "let through" when it reaches the upstream at all; the token
// must appear in no response (body or header), no log line and no console output.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordFigure } from '../../e2e/chaos/chaos-figures';
import { createServerApp } from './create-server-app.ts';
import { createDemoAccount } from './demo/demo-account.ts';
import { createLogger } from './redacting-logger.ts';
import { createUpstreamLimiter } from './upstream-limiter.ts';

const TOKEN = 'demo-token-CHAOS-7f3a9c1e2b4d';
const DEMO_ORIGIN = 'http://demo.kommo.localhost';

const demo = createDemoAccount({ leads: 200, token: TOKEN, rateLimit: false, faults: true });
const upstreamSeen: string[] = [];
const logs: string[] = [];
const app = createServerApp({
  mode: 'demo',
  upstream: {
    baseUrl: DEMO_ORIGIN,
    token: TOKEN,
    fetch: (request, client) => {
      upstreamSeen.push(request.url);
      return demo.app.fetch(request, client);
    },
  },
  demoFaults: (request) => demo.app.fetch(request),
  distDir: '/nonexistent-chaos-dist',
  frameAncestors: ['https://*.kommo.com'],
  upstreamTimeoutMs: 300,
  logger: createLogger([TOKEN], (level, line) => logs.push(`${level} ${line}`)),
  limiter: createUpstreamLimiter({ perSecond: 10_000, maxQueue: 10_000 }),
});

const answers: { name: string; status: number; headers: string; body: string }[] = [];
const consoleLines: string[] = [];

/** Sends a raw request target as the Node adapter hands it over (before URL normalisation). */
async function send(name: string, target: string, init: RequestInit = {}): Promise<{ status: number; body: string; contentType: string }> {
  const safe = target.replace(/[\r\n\t ]/g, (ch) => encodeURIComponent(ch));
  const incoming = { url: target, socket: { remoteAddress: '127.0.0.9' } };
  const sent = new Headers(init.headers);
  // The app's header: these probes test what the proxy does past its same-origin gate.
  if (!sent.has('x-kommo-leads-browser')) sent.set('x-kommo-leads-browser', '1');
  const response = await app.request(`http://localhost${safe}`, { ...init, headers: sent }, { incoming } as never);
  const body = await response.text();
  const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
  answers.push({ name, status: response.status, headers, body });
  return { status: response.status, body, contentType: response.headers.get('content-type') ?? '' };
}

type Probe = { name: string; target: string; init?: RequestInit; status: number | number[] };

const traversal = [
  '/api/v4/../v4/leads',
  '/api/v4/leads/../account',
  '/api/v4/%2e%2e/v4/leads',
  '/api/v4/%2E%2E%2Fleads',
  '/api/v4/leads%2f..%2f..%2fsecret',
  '/api/v4/%252e%252e/leads',
  '/api/v4/..%5cleads',
  '/api/v4/leads\\..\\account',
  '/api/v4/./leads',
  '/api/v4//leads',
  '/api/v4/leads%00',
  '/api/v4/leads%2F',
  '/api/v4/catalogs/1/elements/..',
  '/api/v4/%u002e%u002e/leads',
  '/api/v4/leads/.',
  '/api/v4/leads%09',
  '/api/v4/.%2e/leads',
  '/api/v4/leads/%2e',
  '/api/./v4/leads',
  '/api/v4/leads/..;/account',
];
const offList = [
  '/api/v4/leads/1',
  '/api/v4/leads/1/notes',
  '/api/v4/leads/',
  '/api/v4/webhooks',
  '/api/v2/account',
  '/api/v4/users/1',
  '/api/v4/LEADS',
  '/api/v4/leads.json',
  '/api/v4/catalogs/abc/elements',
  '/api/v4/catalogs/1234567890123/elements',
  '/api/v4/oauth2/access_token',
  '/api/v4/leads/unsorted',
  '/api/v4/tasks',
  '/api/v4/events/01pz58t6p04vxnd1jp1rmcprb5',
  '/api/v4/account/',
  '/api/',
  '/api/v4',
];

const probes: Probe[] = [
  ...['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'get'].map((method) => ({
    name: `method ${method}`,
    target: '/api/v4/leads',
    init: { method, ...(['POST', 'PUT', 'PATCH'].includes(method) ? { body: '{"name":"x"}' } : {}) },
    status: method === 'get' ? [200, 405] : 405,
  })),
  { name: 'GET with content-length body', target: '/api/v4/leads', init: { headers: { 'content-length': '5' } }, status: 400 },
  { name: 'GET with chunked body', target: '/api/v4/leads', init: { headers: { 'transfer-encoding': 'chunked' } }, status: 400 },
  ...traversal.map((target) => ({ name: `traversal ${target}`, target, status: [400, 404] })),
  ...offList.map((target) => ({ name: `off the allowlist ${target}`, target, status: 404 })),
  { name: 'oversized query (8193 chars)', target: `/api/v4/leads?query=${'x'.repeat(8187)}`, status: 414 },
  { name: 'oversized query (1 MB)', target: `/api/v4/leads?${'filter[id][]=1&'.repeat(70_000)}`, status: 414 },
  { name: 'CRLF raw in query', target: '/api/v4/leads?query=a\r\nSet-Cookie: pwned=1', status: 400 },
  { name: 'CRLF encoded in query', target: '/api/v4/leads?query=a%0d%0aSet-Cookie:%20pwned=1', status: 400 },
  { name: 'LF encoded in key', target: '/api/v4/leads?filter%0a[id]=1', status: 400 },
  { name: 'NUL encoded in query', target: '/api/v4/leads?query=a%00b', status: 400 },
  { name: 'DEL encoded in query', target: '/api/v4/leads?query=%7f', status: 400 },
  { name: 'CRLF in path', target: '/api/v4/leads%0d%0aX-Injected:%201', status: [400, 404] },
  { name: 'raw space in query', target: '/api/v4/leads?query=a b', status: 400 },
  { name: 'broken percent %', target: '/api/v4/leads?query=100%', status: 400 },
  { name: 'broken percent %G1', target: '/api/v4/leads?query=%G1', status: 400 },
  { name: 'broken percent %E2%8', target: '/api/v4/leads?query=%E2%8', status: 400 },
  { name: 'fragment smuggled into the query', target: '/api/v4/leads?query=a%23b', status: [200, 204, 400] },
];

/** Requests that are fine in themselves but try to steer the upstream: they may pass, but only to the fixed origin. */
const steering: Probe[] = [
  // DNS rebinding: refused before the upstream (issue 11; it was served before).
  { name: 'Host: evil', target: '/api/v4/account', init: { headers: { host: 'evil.example' } }, status: 403 },
  {
    name: 'X-Forwarded-Host: evil',
    target: '/api/v4/account',
    init: { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6' } },
    status: 200,
  },
  {
    name: 'Forwarded: host=evil',
    target: '/api/v4/account',
    init: { headers: { forwarded: 'for=6.6.6.6;host=evil.example;proto=https' } },
    status: 200,
  },
  {
    name: 'X-Original-URL override',
    target: '/api/v4/account',
    init: { headers: { 'x-original-url': '/api/v4/webhooks', 'x-rewrite-url': '/admin' } },
    status: 200,
  },
  { name: 'Authorization from the client', target: '/api/v4/account', init: { headers: { authorization: 'Bearer attacker-token' } }, status: 200 },
  // Not an API path once resolved against this server: the SPA fallback answers (503 with no build here).
  { name: 'absolute-form target', target: 'http://evil.example/api/v4/account', status: [200, 403, 404, 503] },
  { name: '@ in path (userinfo trick)', target: '/api/v4/leads@evil.example', status: 404 },
  { name: 'backslash host trick', target: '/api/v4/leads?x=\\\\evil.example', status: [200, 400] },
];

beforeAll(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(String).join(' '));
    });
  }
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe('proxy probes', () => {
  it('refuses every hostile request without reaching the upstream, each with problem+json', async () => {
    let letThrough = 0;
    const wrong: string[] = [];
    for (const probe of probes) {
      const before = upstreamSeen.length;
      const answer = await send(probe.name, probe.target, probe.init);
      const reached = upstreamSeen.length > before;
      const allowed = Array.isArray(probe.status) ? probe.status : [probe.status];
      // A lower-case method is the same GET (HTTP methods are case-sensitive, fetch upper-cases it): passing is right.
      const benign = probe.name === 'method get' || probe.name === 'fragment smuggled into the query';
      if (reached && !benign) letThrough++;
      if (!allowed.includes(answer.status)) wrong.push(`${probe.name}: ${answer.status} ${answer.body.slice(0, 120)}`);
      if (answer.status >= 400 && probe.init?.method !== 'HEAD' && !answer.contentType.includes('problem+json'))
        wrong.push(`${probe.name}: ${answer.contentType}`);
    }
    recordFigure({
      area: 'proxy',
      source: 'refusals (methods, bodies, traversal, allowlist, size, CRLF, encoding)',
      tried: probes.length,
      bad: letThrough,
    });
    expect(wrong).toEqual([]);
    expect(letThrough).toBe(0);
    expect(probes.length).toBeGreaterThan(55);
  });

  it('never lets client headers or the target choose the upstream, nor forwards the client credentials', async () => {
    let steered = 0;
    for (const probe of steering) {
      const before = upstreamSeen.length;
      const answer = await send(probe.name, probe.target, probe.init);
      const reached = upstreamSeen.slice(before);
      if (reached.some((url) => !url.startsWith(`${DEMO_ORIGIN}/api/v4/`))) steered++;
      if (reached.some((url) => !/^http:\/\/demo\.kommo\.localhost\/api\/v4\/(account|leads)(\?|$)/.test(url))) steered++;
      const allowed = Array.isArray(probe.status) ? probe.status : [probe.status];
      expect(allowed, `${probe.name}: ${answer.status} ${answer.body.slice(0, 100)}`).toContain(answer.status);
    }
    recordFigure({
      area: 'proxy',
      source: 'upstream steering (Host, X-Forwarded-*, Forwarded, absolute-form, client Authorization)',
      tried: steering.length,
      bad: steered,
    });
    expect(steered).toBe(0);
  });

  it('turns every demo fault into a problem+json with the same status, bounded in time', async () => {
    const faults = [
      { name: 'blocked403 (HTML)', set: { blocked403: true }, status: 403 },
      { name: 'unauthorized401', set: { unauthorized401: true }, status: 401 },
      { name: 'errorRate 1 as HTML', set: { errorRate: 1, htmlErrors: true }, status: 500 },
      { name: 'burst429 as HTML', set: { burst429: 1, htmlErrors: true }, status: 429 },
      { name: 'malformedJson', set: { malformedJson: true }, status: 200 },
      { name: 'hang', set: { hang: true }, status: 504 },
      { name: 'dropConnection', set: { dropConnection: true }, status: 502 },
    ];
    let failed = 0;
    for (const fault of faults) {
      demo.faults.reset();
      demo.faults.set(fault.set);
      const started = Date.now();
      const answer = await send(`fault ${fault.name}`, '/api/v4/leads?limit=5');
      const ok =
        answer.status === fault.status && (fault.status === 200 || answer.contentType === 'application/problem+json') && Date.now() - started < 3000;
      if (!ok) failed++;
      expect(answer.status, fault.name).toBe(fault.status);
      if (fault.status === 429) expect(answers.at(-1)?.headers).toMatch(/retry-after: 1/);
    }
    demo.faults.reset();
    recordFigure({ area: 'faults', source: 'proxy under demo faults (in-process)', tried: faults.length, bad: failed });
    expect(failed).toBe(0);
  });

  it('shows the token in no response, header, log line or console output', async () => {
    // The fault control endpoint talks to the demo with the token: its answers must not echo it.
    await send('faults GET', '/__demo/faults');
    await send('faults POST bad', '/__demo/faults', {
      method: 'POST',
      body: `{"latencyMs":"${TOKEN}"}`,
      headers: { 'content-type': 'application/json' },
    });
    await send('valid GET', '/api/v4/leads?with=contacts');
    const leaks = [
      ...answers.filter((a) => a.body.includes(TOKEN) || a.headers.includes(TOKEN)).map((a) => `response ${a.name}`),
      ...logs.filter((l) => l.includes(TOKEN)).map((l) => `log ${l.slice(0, 80)}`),
      ...consoleLines.filter((l) => l.includes(TOKEN)).map((l) => `console ${l.slice(0, 80)}`),
    ];
    recordFigure({
      area: 'proxy',
      source: 'token leak checks (responses + log lines + console)',
      tried: answers.length + logs.length + consoleLines.length,
      bad: leaks.length,
    });
    expect(answers.length).toBeGreaterThan(70);
    expect(logs.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
