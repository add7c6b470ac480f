// Two server instances behind one load balancer, sharing one real redis-server (REDIS_URL): a
// session made on one works on the other, a one-time token used on one is refused by both, and
// together they keep the upstream within Kommo's 7 requests in any second.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import accountBody from '@/kommo/fixtures/real/amocrm-docs-account.json';
import usersBody from '@/kommo/fixtures/real/amocrm-docs-users-with-role-group.json';
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE } from '@/kommo/api-paths.ts';
import { mintOneTimeToken } from '@/server/auth/one-time-token.ts';
import { createServerApp } from '@/server/create-server-app.ts';
import { createLogger } from '@/server/redacting-logger.ts';
import { createRedisStore } from './redis-store.ts';
import type { SharedStore } from './shared-store.ts';
import { startRedisServer } from './redis-test-server.ts';
import type { RedisTestServer } from './redis-test-server.ts';

const REDIS_PORT = Number(process.env.TEST_REDIS_PORT ?? 6391);
const TOKEN = 'server-token-0c4e1b2d-4e8f-9a6b-1c2d3e4f5a6b';
const SECRET = 'integration-secret-key-0123456789abcdef';
const CLIENT_ID = '0b3c1f62-46f0-4c55-9e4e-5a1a7d2b9c10';
const UPSTREAM = 'https://example.kommo.com';
const AUDIENCE = 'https://leads.example.com';
const API = { [APP_REQUEST_HEADER]: APP_REQUEST_HEADER_VALUE };

let redis: RedisTestServer;
const stores: SharedStore[] = [];
const arrivals: number[] = [];

function upstream() {
  const app = new Hono();
  app.use('*', async (_c, next) => {
    arrivals.push(Date.now());
    await next();
  });
  app.get('/api/v4/account', (c) => c.json(accountBody));
  app.get('/api/v4/users', (c) => c.json(usersBody));
  app.get('/api/v4/leads', (c) => c.json({ _page: 1, _links: {}, _embedded: { leads: [] } }));
  return app;
}

function instance() {
  const store = createRedisStore({ url: redis.url, prefix: `klb-test-${process.pid}:` });
  stores.push(store);
  const fake = upstream();
  return createServerApp({
    mode: 'real',
    upstream: { baseUrl: UPSTREAM, token: TOKEN, fetch: (r) => fake.fetch(r) },
    distDir: '/nonexistent-dist',
    frameAncestors: [UPSTREAM],
    upstreamTimeoutMs: 30_000,
    publicUrl: `${AUDIENCE}/`,
    allowHost: () => true,
    logger: createLogger([TOKEN, SECRET], () => undefined),
    store,
    auth: { clientId: CLIENT_ID, secret: SECRET, audience: AUDIENCE, idleMs: 3_600_000, maxMs: 8 * 3_600_000 },
  });
}

const mint = (userId = 123123) =>
  mintOneTimeToken({
    secret: SECRET,
    clientId: CLIENT_ID,
    accountId: accountBody.id,
    subdomain: 'example',
    issuer: UPSTREAM,
    audience: AUDIENCE,
    userId,
    isAdmin: false,
  });

const signIn = (app: ReturnType<typeof instance>, token: string) =>
  app.request(`${AUDIENCE}/auth/kommo`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ token }).toString(),
  });

beforeAll(async () => {
  redis = await startRedisServer(REDIS_PORT);
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis.stop();
});

describe('two instances, one Redis (issue 21)', () => {
  it('a session made on one instance works on the other; sign-out on the other ends it on both', async () => {
    const a = instance();
    const b = instance();
    const signedIn = await signIn(a, await mint());
    expect(signedIn.status).toBe(303);
    const cookie = /(__Host-klb_session=[^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect((await b.request(`${AUDIENCE}/api/v4/leads`, { headers: { ...API, cookie } })).status).toBe(200);
    await b.request(`${AUDIENCE}/auth/sign-out`, { method: 'POST', headers: { cookie } });
    expect((await a.request(`${AUDIENCE}/api/v4/leads`, { headers: { ...API, cookie } })).status).toBe(401);
  });

  it('a token used on one instance is refused as replayed by both', async () => {
    const a = instance();
    const b = instance();
    const token = await mint();
    expect((await signIn(a, token)).status).toBe(303);
    for (const app of [b, a]) {
      const again = await signIn(app, token);
      expect(again.status).toBe(401);
      expect(await again.json()).toMatchObject({ code: 'replayed' });
    }
  });

  it('under load from both instances, the upstream sees at most 7 requests in any second', async () => {
    const a = instance();
    const b = instance();
    const cookies: string[] = [];
    for (const app of [a, b]) {
      const response = await signIn(app, await mint());
      cookies.push(/(__Host-klb_session=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '');
    }
    arrivals.length = 0;
    const load = [a, b].flatMap((app, i) =>
      Array.from({ length: 21 }, (_, n) => app.request(`${AUDIENCE}/api/v4/leads?page=${n + 1}`, { headers: { ...API, cookie: cookies[i] ?? '' } })),
    );
    const statuses = (await Promise.all(load)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const sorted = [...arrivals].sort((x, y) => x - y);
    let most = 0;
    for (let i = 0; i < sorted.length; i++) {
      let j = i;
      while (j < sorted.length && (sorted[j] ?? 0) < (sorted[i] ?? 0) + 1000) j++;
      most = Math.max(most, j - i);
    }
    console.log(`two instances, ${sorted.length} upstream requests: at most ${most} in any 1000 ms window`);
    expect(sorted.length).toBeGreaterThanOrEqual(42);
    expect(most).toBeLessThanOrEqual(7);
  }, 30_000);
});
