// Sign-in with Kommo end to end through the server app: tokens minted here as Kommo mints them, the
// account and its users from Kommo's own documented bodies (src/kommo/fixtures/real), one user
// deactivated. Of the tokens below only the first signs anyone in.
import { SignJWT } from 'jose';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import accountBody from '@/kommo/fixtures/real/amocrm-docs-account.json';
import usersBody from '@/kommo/fixtures/real/amocrm-docs-users-with-role-group.json';
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE } from '@/kommo/api-paths.ts';
import { createAuditLog } from '@/server/audit-log.ts';
import { createServerApp } from '@/server/create-server-app.ts';
import type { ServerAuthOptions } from '@/server/create-server-app.ts';
import { createLogger } from '@/server/redacting-logger.ts';
import { createMemoryStore } from '@/server/store/shared-store.ts';
import { createUpstreamLimiter } from '@/server/upstream-limiter.ts';
import { mintOneTimeToken } from './one-time-token.ts';
import type { MintOptions } from './one-time-token.ts';

const SERVER_TOKEN = 'server-token-3f9a0c4e-1b2d-4e8f-9a6b-1c2d3e4f5a6b';
const SECRET = 'integration-secret-key-9f8e7d6c5b4a39281706';
const CLIENT_ID = '0b3c1f62-46f0-4c55-9e4e-5a1a7d2b9c10';
const UPSTREAM = 'https://example.kommo.com';
const PUBLIC_URL = 'https://leads.example.com/';
const ACCOUNT_ID = accountBody.id;
const MANAGER = 123123;
const DEACTIVATED = 777001;
const API = { [APP_REQUEST_HEADER]: APP_REQUEST_HEADER_VALUE };
const PAGE = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

type World = {
  app: ReturnType<typeof createServerApp>;
  audit: string[];
  logs: string[];
  upstreamCalls: Request[];
  clock: { now: number };
  deactivate(id: number): void;
};

function makeWorld(): World {
  const clock = { now: Date.UTC(2026, 11, 7, 10, 0, 0) };
  const audit: string[] = [];
  const logs: string[] = [];
  const upstreamCalls: Request[] = [];
  const users = structuredClone(usersBody._embedded.users) as Array<{ id: number; name: string; rights: { is_active: boolean } }>;
  const first = users[0];
  if (first === undefined) throw new Error('fixture without users');
  users.push({
    ...structuredClone(first),
    id: DEACTIVATED,
    name: 'Former colleague',
    rights: { ...structuredClone(first.rights), is_active: false },
  });
  const upstream = new Hono();
  upstream.use('*', async (c, next) => {
    upstreamCalls.push(c.req.raw.clone());
    if (c.req.header('authorization') !== `Bearer ${SERVER_TOKEN}`) return c.json({ title: 'Unauthorized', status: 401 }, 401);
    await next();
  });
  upstream.get('/api/v4/account', (c) => c.json(accountBody));
  upstream.get('/api/v4/users', (c) => c.json({ ...usersBody, _total_items: users.length, _embedded: { users } }));
  upstream.get('/api/v4/leads', (c) => c.json({ _page: 1, _links: {}, _embedded: { leads: [] } }));
  const auth: ServerAuthOptions = {
    clientId: CLIENT_ID,
    secret: SECRET,
    audience: 'https://leads.example.com',
    idleMs: 30 * 60_000,
    maxMs: 8 * 3_600_000,
    now: () => clock.now,
  };
  const app = createServerApp({
    mode: 'real',
    upstream: { baseUrl: UPSTREAM, token: SERVER_TOKEN, fetch: (r) => upstream.fetch(r) },
    distDir: '/nonexistent-dist',
    frameAncestors: [UPSTREAM],
    upstreamTimeoutMs: 2000,
    publicUrl: PUBLIC_URL,
    allowHost: () => true,
    logger: createLogger([SERVER_TOKEN, SECRET], (_level, line) => logs.push(line)),
    store: createMemoryStore({ now: () => clock.now }),
    audit: createAuditLog(
      (line) => audit.push(line),
      () => clock.now,
    ),
    auth,
    limiter: createUpstreamLimiter({ perSecond: 1000, maxQueue: 1000 }),
  });
  return {
    app,
    audit,
    logs,
    upstreamCalls,
    clock,
    deactivate: (id) => {
      const user = users.find((u) => u.id === id);
      if (user !== undefined) user.rights = { ...user.rights, is_active: false };
    },
  };
}

const base = (w: World, over: Partial<MintOptions> = {}): MintOptions => ({
  secret: SECRET,
  clientId: CLIENT_ID,
  accountId: ACCOUNT_ID,
  subdomain: 'example',
  issuer: UPSTREAM,
  audience: 'https://leads.example.com',
  userId: MANAGER,
  isAdmin: false,
  issuedAt: Math.floor(w.clock.now / 1000),
  ...over,
});

function post(w: World, token: string, headers: Record<string, string> = PAGE, returnPath?: string) {
  const form = new URLSearchParams({ token });
  if (returnPath !== undefined) form.set('return', returnPath);
  return w.app.request('https://leads.example.com/auth/kommo', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', ...headers },
    body: form.toString(),
  });
}

function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /(__Host-klb_session=[^;]+)/.exec(header);
  if (match?.[1] === undefined) throw new Error(`no session cookie in "${header}"`);
  return match[1];
}

const leads = (w: World, cookie?: string) =>
  w.app.request('https://leads.example.com/api/v4/leads?limit=5', { headers: { ...API, ...(cookie === undefined ? {} : { cookie }) } });

let w: World;
beforeEach(() => {
  w = makeWorld();
});

describe('sign-in with Kommo: the one-time tokens (issue 21)', () => {
  it('signs in with a valid token: 303 to the return path, a __Host- cookie that is HttpOnly, SameSite=Lax and Secure', async () => {
    const response = await post(w, await mintOneTimeToken(base(w)), PAGE, '/?date%5Bcreated_at%5D=thisMonth');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?date%5Bcreated_at%5D=thisMonth');
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^__Host-klb_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect((await leads(w, sessionCookie(response))).status).toBe(200);
    expect(JSON.parse(w.audit.at(-1) ?? '{}')).toMatchObject({
      event: 'sign-in',
      outcome: 'accepted',
      userId: MANAGER,
      accountId: ACCOUNT_ID,
      via: 'kommo',
    });
  });

  const refused: Array<[string, (w: World) => Promise<string>, string]> = [
    ['forged (another secret)', (w) => mintOneTimeToken({ ...base(w), secret: 'someone-elses-secret-0123456789abc' }), 'signature'],
    ['expired', (w) => mintOneTimeToken({ ...base(w), issuedAt: Math.floor(w.clock.now / 1000) - 31 * 60 - 61 }), 'expired'],
    ['not yet valid', (w) => mintOneTimeToken({ ...base(w), issuedAt: Math.floor(w.clock.now / 1000) + 120 }), 'not-yet-valid'],
    ['for another integration', (w) => mintOneTimeToken({ ...base(w), clientId: '11111111-2222-4333-8444-555555555555' }), 'other-integration'],
    ['for another account', (w) => mintOneTimeToken({ ...base(w), accountId: ACCOUNT_ID + 1 }), 'other-account'],
    ['for another audience', (w) => mintOneTimeToken({ ...base(w), audience: 'https://evil.example.net' }), 'other-audience'],
    ['from another Kommo address', (w) => mintOneTimeToken({ ...base(w), issuer: 'https://other.kommo.com' }), 'other-issuer'],
    ['for a deactivated user', (w) => mintOneTimeToken({ ...base(w), userId: DEACTIVATED }), 'inactive-user'],
    ['for a user the account does not have', (w) => mintOneTimeToken({ ...base(w), userId: 999999 }), 'unknown-user'],
    [
      'signed with HS512',
      (w) =>
        new SignJWT({ account_id: ACCOUNT_ID, user_id: MANAGER, client_uuid: CLIENT_ID })
          .setProtectedHeader({ alg: 'HS512' })
          .setIssuer(UPSTREAM)
          .setAudience('https://leads.example.com')
          .setJti('x1')
          .setIssuedAt(Math.floor(w.clock.now / 1000))
          .setExpirationTime(Math.floor(w.clock.now / 1000) + 600)
          .sign(new TextEncoder().encode(SECRET)),
      'algorithm',
    ],
    [
      'unsigned (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ user_id: MANAGER })).toString('base64url')}.`,
      'algorithm',
    ],
    ['not a token at all', async () => 'hello', 'malformed'],
    ['empty', async () => '', 'missing-token'],
  ];

  it.each(refused)(
    'refuses a token %s, saying why on the page, in problem+json, the audit log and the log, never echoing it',
    async (_name, make, reason) => {
      const token = await make(w);
      const page = await post(w, token, PAGE, '/?page=x');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe(`/sign-in?reason=${reason}&return=%2F%3Fpage%3Dx`);
      expect(page.headers.get('set-cookie')).toBeNull();
      // A token that passed every check of its own is spent even when its user is then refused: a fresh one for the API's answer.
      const api = await post(w, await make(w), { accept: 'application/json' });
      expect(api.status).toBe(401);
      expect(api.headers.get('content-type')).toBe('application/problem+json');
      expect(await api.json()).toMatchObject({ status: 401, code: reason });
      const record = JSON.parse(w.audit.at(-1) ?? '{}') as Record<string, unknown>;
      expect(record).toMatchObject({ event: 'sign-in', outcome: 'refused', reason });
      const everything = [...w.audit, ...w.logs].join('\n');
      if (token.length > 8) expect(everything).not.toContain(token);
      expect(everything).not.toContain(SECRET);
    },
  );

  it('refuses a replayed token (jti seen before) although it is otherwise valid', async () => {
    const token = await mintOneTimeToken(base(w));
    expect((await post(w, token)).status).toBe(303);
    const again = await post(w, token, { accept: 'application/json' });
    expect(await again.json()).toMatchObject({ code: 'replayed' });
    // A fresh token with the same jti (Kommo does not enforce single use): refused too.
    const sameId = await mintOneTimeToken({ ...base(w), jti: 'reused-id' });
    await post(w, sameId);
    const copy = await mintOneTimeToken({ ...base(w), jti: 'reused-id', issuedAt: Math.floor(w.clock.now / 1000) + 5 });
    expect((await (await post(w, copy, { accept: 'application/json' })).json()) as object).toMatchObject({ code: 'replayed' });
  });

  it('accepts 60 s of clock difference either way, not more', async () => {
    const now = Math.floor(w.clock.now / 1000);
    expect((await post(w, await mintOneTimeToken({ ...base(w), issuedAt: now + 50 }))).status).toBe(303);
    expect((await post(w, await mintOneTimeToken({ ...base(w), issuedAt: now - 30 * 60 - 50 }))).status).toBe(303);
    expect((await post(w, await mintOneTimeToken({ ...base(w), issuedAt: now + 70 }))).headers.get('location')).toMatch(/not-yet-valid/);
  });

  it('lands on the link opened before signing in when the sign-in names no return of its own', async () => {
    const opened = await w.app.request('https://leads.example.com/auth/session?return=%2F%3Fquery%3Dacme', {
      headers: { accept: 'application/json' },
    });
    expect(await opened.json()).toMatchObject({ auth: 'kommo', user: null, reason: 'sign-in-required' });
    const remembered = /(__Host-klb_return=[^;]+)/.exec(opened.headers.get('set-cookie') ?? '')?.[1] ?? '';
    expect(remembered).not.toBe('');
    const signedIn = await post(w, await mintOneTimeToken(base(w)));
    expect(signedIn.headers.get('location')).toBe('/auth/continue');
    const next = await w.app.request('https://leads.example.com/auth/continue', { headers: { cookie: remembered } });
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toBe('/?query=acme');
  });

  it('sends a page opened without a session to /sign-in with the link kept, but not the app framed inside Kommo', async () => {
    const page = await w.app.request('https://leads.example.com/?query=acme', { headers: { ...PAGE, 'sec-fetch-dest': 'document' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?reason=sign-in-required&return=%2F%3Fquery%3Dacme');
    expect(page.headers.get('set-cookie')).toMatch(/^__Host-klb_return=/);
    const framed = await w.app.request('https://leads.example.com/?query=acme', { headers: { ...PAGE, 'sec-fetch-dest': 'iframe' } });
    expect(framed.status).not.toBe(303);
    const signInPage = await w.app.request('https://leads.example.com/sign-in?reason=expired', {
      headers: { ...PAGE, 'sec-fetch-dest': 'document' },
    });
    expect(signInPage.status).not.toBe(303);
    const cookie = sessionCookie(await post(w, await mintOneTimeToken(base(w))));
    const signedIn = await w.app.request('https://leads.example.com/?query=acme', { headers: { ...PAGE, 'sec-fetch-dest': 'document', cookie } });
    expect(signedIn.status).not.toBe(303);
  });

  it('never returns to another origin', async () => {
    for (const evil of ['https://evil.example.net/', '//evil.example.net/', '/\\evil.example.net', '/auth/sign-out', 'javascript:alert(1)']) {
      const response = await post(w, await mintOneTimeToken(base(w)), PAGE, evil);
      expect(response.headers.get('location')).toBe('/auth/continue');
    }
  });
});

describe('sign-in with Kommo: sessions (issue 21)', () => {
  const signIn = async (userId = MANAGER) => sessionCookie(await post(w, await mintOneTimeToken({ ...base(w), userId })));

  it('answers the API 401 problem+json without a session, and carries the user to Kommo as X-Context-User-ID with one', async () => {
    const none = await leads(w);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'sign-in-required' });
    const cookie = await signIn();
    expect((await leads(w, cookie)).status).toBe(200);
    const call = w.upstreamCalls.filter((r) => new URL(r.url).pathname === '/api/v4/leads').at(-1);
    expect(call?.headers.get('x-context-user-id')).toBe(String(MANAGER));
  });

  it('reads reference data with the server token once for everyone, naming the signed-in user on /account', async () => {
    const a = await signIn(MANAGER);
    const b = await signIn(321321);
    const accountOf = async (cookie: string) =>
      (await (await w.app.request('https://leads.example.com/api/v4/account', { headers: { ...API, cookie } })).json()) as {
        current_user_id: number;
      };
    expect((await accountOf(a)).current_user_id).toBe(MANAGER);
    expect((await accountOf(b)).current_user_id).toBe(321321);
    const accountCalls = w.upstreamCalls.filter((r) => new URL(r.url).pathname === '/api/v4/account');
    // One for checking the tokens' account, one shared by both users' pages.
    expect(accountCalls).toHaveLength(2);
    expect(accountCalls.every((r) => r.headers.get('x-context-user-id') === null)).toBe(true);
  });

  it('ends a session after its idle time and after its absolute limit', async () => {
    const cookie = await signIn();
    w.clock.now += 29 * 60_000;
    expect((await leads(w, cookie)).status).toBe(200);
    w.clock.now += 31 * 60_000;
    expect((await leads(w, cookie)).status).toBe(401);
    const busy = await signIn();
    for (let hour = 0; hour < 8; hour++) {
      w.clock.now += 20 * 60_000;
      await leads(w, busy);
      w.clock.now += 20 * 60_000;
      await leads(w, busy);
      w.clock.now += 20 * 60_000;
      await leads(w, busy);
    }
    expect((await leads(w, busy)).status).toBe(401);
  });

  it('ends the session within minutes of the user being deactivated in Kommo', async () => {
    const cookie = await signIn();
    w.deactivate(MANAGER);
    w.clock.now += 2 * 60_000 + 1;
    const response = await leads(w, cookie);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'inactive-user' });
    expect(JSON.parse(w.audit.at(-1) ?? '{}')).toMatchObject({ event: 'session-ended', userId: MANAGER, reason: 'inactive-user' });
  });

  it('signs out: the cookie is cleared, the session is gone, and the audit log says who', async () => {
    const cookie = await signIn();
    const out = await w.app.request('https://leads.example.com/auth/sign-out', {
      method: 'POST',
      headers: { ...PAGE, cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/sign-in?reason=signed-out');
    expect(out.headers.get('set-cookie')).toMatch(/__Host-klb_session=; Max-Age=0/);
    expect((await leads(w, cookie)).status).toBe(401);
    expect(JSON.parse(w.audit.at(-1) ?? '{}')).toMatchObject({ event: 'sign-out', userId: MANAGER });
    const foreign = await w.app.request('https://leads.example.com/auth/sign-out', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(foreign.status).toBe(403);
  });

  it('records exports in the audit log: who, which view, how many leads; only for a session and the app itself', async () => {
    const cookie = await signIn();
    const report = (headers: Record<string, string>) =>
      w.app.request('https://leads.example.com/audit/export', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ format: 'xlsx', view: '?filter%5Bprice%5D%5Bfrom%5D=1000', leads: 42 }),
      });
    expect((await report({ ...API, cookie })).status).toBe(204);
    expect(JSON.parse(w.audit.at(-1) ?? '{}')).toMatchObject({
      event: 'export',
      userId: MANAGER,
      format: 'xlsx',
      view: '?filter%5Bprice%5D%5Bfrom%5D=1000',
      leads: 42,
    });
    expect((await report(API)).status).toBe(401);
    expect((await report({ cookie })).status).toBe(403);
    expect(w.audit.join('\n')).not.toContain(cookie.split('=')[1] ?? 'x');
  });
});
