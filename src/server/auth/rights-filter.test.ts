// An upstream that ignores X-Context-User-ID (a token that answers as its administrator whatever the
// header says): the server's own rights check must leave a manager exactly the leads, contacts and
// companies Kommo would give them, and none other. The oracle is the demo account honouring the
// header (issue 20), asked directly.
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE } from '@/kommo/api-paths.ts';
import { createServerApp } from '@/server/create-server-app.ts';
import { createDemoAccount } from '@/server/demo/demo-account.ts';
import type { DemoAccount } from '@/server/demo/demo-account.ts';
import { DEMO_ACCOUNT_ID } from '@/server/demo/demo-reference.ts';
import { createLogger } from '@/server/redacting-logger.ts';
import { createUpstreamLimiter } from '@/server/upstream-limiter.ts';
import { mintOneTimeToken } from './one-time-token.ts';

const TOKEN = 'demo-token-rights-filter-0123456789';
const SECRET = 'demo-integration-secret-0123456789';
const CLIENT_ID = '5f1c2a9e-7b0d-4c3e-9a61-2d8e4b7f0c15';
const ORIGIN = 'http://demo.kommo.localhost';
const AUDIENCE = 'http://127.0.0.1:4624';
const API = { [APP_REQUEST_HEADER]: APP_REQUEST_HEADER_VALUE };

let demo: DemoAccount;
let app: ReturnType<typeof createServerApp>;
let forwardedContext: string[] = [];

beforeAll(() => {
  demo = createDemoAccount({ leads: 700, seed: 7, token: TOKEN, rateLimit: false });
  app = createServerApp({
    mode: 'demo',
    upstream: {
      baseUrl: ORIGIN,
      token: TOKEN,
      // The careless upstream: it drops the header and answers with the token's (administrator's) rights.
      fetch: (request) => {
        forwardedContext.push(request.headers.get('x-context-user-id') ?? '');
        const headers = new Headers(request.headers);
        headers.delete('x-context-user-id');
        return demo.app.fetch(new Request(request.url, { headers }));
      },
    },
    distDir: '/nonexistent-dist',
    frameAncestors: [],
    upstreamTimeoutMs: 5000,
    publicUrl: `${AUDIENCE}/`,
    logger: createLogger([TOKEN, SECRET], () => undefined),
    limiter: createUpstreamLimiter({ perSecond: 10_000, maxQueue: 10_000 }),
    auth: { clientId: CLIENT_ID, secret: SECRET, audience: AUDIENCE, idleMs: 3_600_000, maxMs: 3_600_000 },
  });
});

async function signIn(userId: number): Promise<string> {
  const token = await mintOneTimeToken({
    secret: SECRET,
    clientId: CLIENT_ID,
    accountId: DEMO_ACCOUNT_ID,
    subdomain: 'demo',
    issuer: ORIGIN,
    audience: AUDIENCE,
    userId,
    isAdmin: false,
  });
  const response = await app.request(`${AUDIENCE}/auth/kommo`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ token }).toString(),
  });
  expect(response.status).toBe(303);
  return /(klb_session=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';
}

type Listed = { id: number };
type LinkedLead = { _embedded?: { contacts?: Listed[]; companies?: Listed[] } };

/** The contact and company ids the account's leads link to (read as the administrator). */
async function linkedIds(): Promise<{ contacts: number[]; companies: number[] }> {
  const contacts = new Set<number>();
  const companies = new Set<number>();
  for (let page = 1; page < 50; page++) {
    const response = await demo.app.fetch(
      new Request(`${ORIGIN}/api/v4/leads?with=contacts&limit=250&page=${page}`, { headers: { authorization: `Bearer ${TOKEN}` } }),
    );
    if (response.status === 204) break;
    const body = (await response.json()) as { _embedded: { leads: LinkedLead[] }; _links?: { next?: unknown } };
    for (const lead of body._embedded.leads) {
      for (const c of lead._embedded?.contacts ?? []) contacts.add(c.id);
      for (const c of lead._embedded?.companies ?? []) companies.add(c.id);
    }
    if (body._links?.next === undefined) break;
  }
  return { contacts: [...contacts].sort((a, b) => a - b), companies: [...companies].sort((a, b) => a - b) };
}

/** One request by ids (no paging): through our server, or from the honest demo. */
async function byIds(path: string, key: string, via: { cookie: string } | { contextUser: number }, query: string): Promise<number[]> {
  const url = `${path}?limit=250${query}`;
  const response =
    'cookie' in via
      ? await app.request(`${AUDIENCE}${url}`, { headers: { ...API, cookie: via.cookie } })
      : await demo.app.fetch(
          new Request(`${ORIGIN}${url}`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-context-user-id': String(via.contextUser) } }),
        );
  if (response.status === 204) return [];
  expect(response.status).toBe(200);
  const body = (await response.json()) as { _embedded: Record<string, Listed[]> };
  return (body._embedded[key] ?? []).map((item) => item.id).sort((a, b) => a - b);
}

/** Every item of a list, page by page: through our server (with the session) or from the honest demo (with the header). */
async function all(path: string, key: string, via: { cookie: string } | { contextUser: number }, query = ''): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; page < 50; page++) {
    const url = `${path}?limit=250&page=${page}${query}`;
    const response =
      'cookie' in via
        ? await app.request(`${AUDIENCE}${url}`, { headers: { ...API, cookie: via.cookie } })
        : await demo.app.fetch(
            new Request(`${ORIGIN}${url}`, { headers: { authorization: `Bearer ${TOKEN}`, 'x-context-user-id': String(via.contextUser) } }),
          );
    if (response.status === 204) break;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { _embedded: Record<string, Listed[]>; _links?: { next?: unknown } };
    ids.push(...(body._embedded[key] ?? []).map((item) => item.id));
    if (body._links?.next === undefined) break;
  }
  return ids.sort((a, b) => a - b);
}

const member = (key: string) => {
  const found = demo.data.team.find((m) => m.key === key);
  if (found === undefined) throw new Error(`no ${key} in the demo team`);
  return found;
};

describe('the server checks rights itself: an upstream ignoring X-Context-User-ID leaks nothing (issue 21)', () => {
  for (const key of ['manager-own', 'team-manager', 'sales-lead', 'manager-no-export']) {
    it(`${key}: the same leads, contacts and companies as Kommo would give, and fewer than the account has`, async () => {
      const person = member(key);
      const cookie = await signIn(person.userId);
      const linked = await linkedIds();
      expect(linked.contacts.length).toBeGreaterThan(0);
      forwardedContext = [];
      const served = await all('/api/v4/leads', 'leads', { cookie });
      expect(forwardedContext.every((id) => id === String(person.userId))).toBe(true);
      const honest = await all('/api/v4/leads', 'leads', { contextUser: person.userId });
      expect(served).toEqual(honest);
      expect(served.length).toBeLessThan(demo.data.leads.length);
      expect(served.length).toBeGreaterThan(0);
      // Contacts and companies are read by id, as the app reads them: the ids every lead links to.
      for (const [path, list, ids] of [
        ['/api/v4/contacts', 'contacts', linked.contacts],
        ['/api/v4/companies', 'companies', linked.companies],
      ] as const) {
        for (let i = 0; i < ids.length; i += 250) {
          const query = `&${ids
            .slice(i, i + 250)
            .map((id) => `filter[id][]=${id}`)
            .join('&')}`;
          expect(await byIds(path, list, { cookie }, query)).toEqual(await byIds(path, list, { contextUser: person.userId }, query));
        }
      }
    });
  }

  it('an administrator still gets every lead', async () => {
    const cookie = await signIn(member('admin').userId);
    expect(await all('/api/v4/leads', 'leads', { cookie })).toHaveLength(demo.data.leads.length);
  });
});
