import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import * as z from 'zod';
import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';
import { KOMMO_RATE_LIMIT_PER_SECOND, RATE_WINDOW_MS } from '@/kommo/api-paths.ts';
import { apiRequestGuard } from './api-request-guard.ts';
import { createHostGuard } from './host-guard.ts';
import type { UpstreamFetch } from './proxy.ts';
import { createProxyHandler } from './proxy.ts';
import type { Logger } from './redacting-logger.ts';
import { securityHeaders } from './security-headers.ts';
import type { UpstreamLimiter } from './upstream-limiter.ts';
import { createStoreBudget, createUpstreamLimiter } from './upstream-limiter.ts';
import { problemResponse } from './problem-response.ts';
import type { ServerEnv } from './server-env.ts';
import type { AuditLog } from './audit-log.ts';
import type { SharedStore } from './store/shared-store.ts';
import { createMemoryStore } from './store/shared-store.ts';
import { clientAddress, clientKeyOfAddress } from './client-address.ts';
import { createAccountDirectory } from './auth/account-directory.ts';
import type { AccountDirectory } from './auth/account-directory.ts';
import { createSessionStore } from './auth/session-store.ts';
import { createKommoAuth } from './auth/kommo-auth.ts';
import { mintOneTimeToken } from './auth/one-time-token.ts';
import { mountAuthRoutes, pageGate, safeReturnPath, sessionGate } from './auth/auth-routes.ts';
import { filterByRights } from './auth/rights-filter.ts';
import type { DemoTeamMember } from './auth/auth-routes.ts';

export type { ServerEnv } from './server-env.ts';

/** Sign-in with Kommo (one-time tokens); absent when the server runs without sign-in. */
export type ServerAuthOptions = {
  clientId: string;
  secret: string;
  /** PUBLIC_URL's origin. */
  audience: string;
  idleMs: number;
  maxMs: number;
  /** The demo account: who "Sign in as…" lists (the token is minted here, as Kommo would). */
  demoTeam?: (directory: AccountDirectory) => Promise<DemoTeamMember[]>;
  now?: () => number;
};

export type ServerAppOptions = {
  mode: 'demo' | 'real';
  /** The fixed upstream: origin, token and how to reach it (network fetch, or the demo app in-process). */
  upstream: { baseUrl: string; token: string; fetch: UpstreamFetch };
  /** Demo with DEMO_FAULTS=1 only: the demo app, answering `/__demo/faults`. */
  demoFaults?: UpstreamFetch;
  distDir: string;
  frameAncestors: readonly string[];
  upstreamTimeoutMs: number;
  logger: Logger;
  /** Defaults to one sliding window of (Kommo's limit - 1) calls a second, a 120-call queue, 40 per client. */
  limiter?: UpstreamLimiter;
  /**
   * The Host check (a DNS-rebinding guard), applied to every request but /healthz; refused Hosts get
   * 403. Defaults to loopback names and PUBLIC_URL's host.
   */
  allowHost?: (host: string) => boolean;
  /** PUBLIC_URL: the standalone address "copy link" uses inside Kommo; null when not configured. */
  publicUrl?: string | null;
  auth?: ServerAuthOptions;
  /** Sessions, used token ids and (Redis only) the request budget; this process's memory by default. */
  store?: SharedStore;
  audit?: AuditLog;
  /** TRUSTED_PROXIES: whose X-Forwarded-For names the client. */
  trustedProxies?: readonly string[];
};

/** Read with the server's token and shared by every signed-in user (Kommo gives most of them to every user anyway, `/users` only to admins). */
const REFERENCE_PATHS = /^\/api\/v4\/(?:account|leads\/pipelines|leads\/custom_fields|leads\/loss_reasons|leads\/tags|users|catalogs|sources)$/;
const REFERENCE_TTL_MS = 60_000;
const NO_AUDIT: AuditLog = { record: () => undefined };

export const NOT_BUILT_MESSAGE = 'The app is not built yet: run `npm run build` (or `npm start`), then reload this page.';
const MAX_FAULT_BODY_BYTES = 64 * 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The same window as the browser's limiter (see RATE_WINDOW_MS).
const UPSTREAM_WINDOW_MS = RATE_WINDOW_MS;
// Fair queueing: a client may keep this many calls waiting (two pages of a load-all walk, the
// prefetch and the reference lists fit); the rest of the 60 stay free for everyone else.
const MAX_QUEUE = 120;
// One client is one address: a user with two tabs loading, or the app's own bursts (reference data,
// prefetch, a load all) must fit; fairness comes from serving the clients' queues in turn, the cap
// only bounds how long one client's backlog can grow (12 turned the app's own first screen into 429s).
const MAX_QUEUE_PER_CLIENT = 40;

/**
 * The caller's address: the demo account rate-limits per client as Kommo does per IP, and the
 * limiter queues per client. The socket's own address, never X-Forwarded-For (anyone can send it);
 * an IPv4-mapped IPv6 address counts as its IPv4 self.
 */
export function remoteAddress(c: Context<ServerEnv>): string {
  const address = c.env?.incoming?.socket?.remoteAddress ?? 'local';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function acceptsHtml(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  return accept === '' || /text\/html|\*\/\*/.test(accept);
}

/** Sets Cache-Control on the successful answers of the handlers after it (serveStatic sets none). */
function cacheControl(value: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status === 200 || c.res.status === 206) c.res.headers.set('cache-control', value);
  };
}

const exportReportSchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  view: z.string().max(2000),
  leads: z.number().int().min(0).max(10_000_000),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** GETs a path with the server's own token (no user context), through the same limiter as everyone; the parsed JSON, null for 204. */
function serverGet(o: ServerAppOptions, limiter: UpstreamLimiter) {
  return async (path: string, query: string): Promise<unknown> => {
    const grant = await limiter.acquire(undefined, 'server');
    if (!grant.granted) throw new Error('the request queue is full');
    const url = new URL(path + (query === '' ? '' : `?${query}`), o.upstream.baseUrl);
    const headers = new Headers({ accept: 'application/hal+json, application/json', authorization: `Bearer ${o.upstream.token}` });
    if (o.mode === 'demo') headers.set('x-demo-client', 'server');
    grant.sent();
    const request = new Request(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(o.upstreamTimeoutMs) });
    const response = await o.upstream.fetch(request);
    if (response.status === 204) return null;
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`Kommo answered ${path} with ${response.status}`);
    }
    return response.json();
  };
}

/** `/account` read with the server's token names the token's user: each user gets their own id there (the app keys its local copy by it). */
function rewriteForUser(userId: number | undefined, path: string, body: unknown): unknown {
  if (userId === undefined || path !== '/api/v4/account' || typeof body !== 'object' || body === null) return body;
  return { ...body, current_user_id: userId };
}

/** The whole HTTP surface: health, the API proxy, the demo fault switches (when enabled) and the built SPA. */
export function createServerApp(o: ServerAppOptions): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const store = o.store ?? createMemoryStore();
  const perSecond = KOMMO_RATE_LIMIT_PER_SECOND - 1;
  const limiter =
    o.limiter ??
    createUpstreamLimiter({
      perSecond,
      maxQueue: MAX_QUEUE,
      maxQueuePerClient: MAX_QUEUE_PER_CLIENT,
      windowMs: UPSTREAM_WINDOW_MS,
      // Several instances: one window in Redis for all of them (the account's limit is theirs together).
      budget: store.kind === 'redis' ? createStoreBudget(store, `budget:${o.upstream.baseUrl}`, perSecond, UPSTREAM_WINDOW_MS) : undefined,
    });
  const trustedProxies = o.trustedProxies ?? [];
  const address = (c: Context<ServerEnv>) => clientAddress(remoteAddress(c), c.req.header('x-forwarded-for'), trustedProxies);
  // Fair per person: a signed-in user is one client on every device and address; without sign-in, an address (IPv6 by /64).
  const clientKey = (c: Context<ServerEnv>) => {
    const session = c.get('session');
    return session === undefined ? `address:${clientKeyOfAddress(address(c))}` : `user:${session.userId}`;
  };
  const indexPath = join(o.distDir, 'index.html');
  const allowHost = o.allowHost ?? createHostGuard({ publicUrl: o.publicUrl ?? null });

  app.use('*', securityHeaders({ frameAncestors: o.frameAncestors, hsts: o.publicUrl?.startsWith('https:') ?? false }));
  // gzip for browsers that ask: the bundle is ~1 MB of JavaScript and a page of leads ~0.5 MB of
  // JSON, which matters once the app is served over the internet (inside Kommo it always is).
  app.use('*', compress());

  app.onError((error, c) => {
    o.logger.error(`server: ${c.req.method} ${new URL(c.req.url).pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
    return problemResponse({ status: 500, title: 'Internal Server Error', detail: 'The server failed to handle this request.' });
  });

  app.get('/healthz', (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ ok: true, mode: o.mode });
  });

  // After /healthz, which container health checks call by IP and which says nothing but the mode.
  app.use('*', async (c, next) => {
    // In-process requests (tests) carry no Host header: their URL's host stands in, as the Node adapter builds it from Host.
    if (!allowHost(c.req.header('host') ?? new URL(c.req.url).host)) {
      return problemResponse({
        status: 403,
        title: 'Forbidden',
        detail: "This server answers only under its own host names: loopback, PUBLIC_URL's host and ALLOWED_HOSTS.",
      });
    }
    await next();
  });

  // The embedded app's settings, as JSON because the CSP forbids inline scripts: the frame-ancestors
  // sources double as the allowlist of parent origins the iframe will talk to (src/lib/bridge).
  app.get('/app-config.json', (c) => {
    c.header('cache-control', 'no-store');
    // The account's own Kommo address, for "open in Kommo" links; the demo account has no Kommo page.
    const kommoBaseUrl = o.mode === 'real' ? o.upstream.baseUrl : null;
    // Demo or real: the header's badge reads it here, in the one settings request (/healthz keeps it for health checks).
    return c.json({ mode: o.mode, parentOrigins: o.frameAncestors, publicUrl: o.publicUrl ?? null, kommoBaseUrl });
  });

  const auth = o.auth;
  const secure = o.publicUrl?.startsWith('https:') ?? false;
  let gate: MiddlewareHandler<ServerEnv> | undefined;
  let directory: AccountDirectory | undefined;
  if (auth !== undefined) {
    const base = new URL(o.upstream.baseUrl);
    directory = createAccountDirectory({ get: serverGet(o, limiter), now: auth.now });
    const sessions = createSessionStore(store, { idleMs: auth.idleMs, maxMs: auth.maxMs }, auth.now);
    const kommo = createKommoAuth({
      clientId: auth.clientId,
      secret: auth.secret,
      issuer: base.origin,
      audience: auth.audience,
      store,
      sessions,
      directory,
      audit: o.audit ?? NO_AUDIT,
      logger: o.logger,
      now: auth.now,
    });
    const demoTeam = auth.demoTeam;
    const accountDirectory = directory;
    mountAuthRoutes(app, {
      auth: kommo,
      secure,
      maxMs: auth.maxMs,
      address,
      accountUrl: o.mode === 'real' ? base.origin : null,
      demo:
        demoTeam === undefined
          ? undefined
          : {
              team: () => demoTeam(accountDirectory),
              mint: async (userId) => {
                const account = await accountDirectory.account();
                const user = await accountDirectory.user(userId);
                return mintOneTimeToken({
                  secret: auth.secret,
                  clientId: auth.clientId,
                  accountId: account.id,
                  subdomain: account.subdomain,
                  issuer: base.origin,
                  audience: auth.audience,
                  userId,
                  isAdmin: user?.isAdmin ?? false,
                  issuedAt: Math.floor((auth.now?.() ?? Date.now()) / 1000),
                });
              },
            },
    });
    gate = sessionGate(kommo, secure);
    app.use('*', pageGate(kommo, secure));
  } else {
    // Without sign-in, "Open in a new tab" from the widget still lands on its view; the token is not needed.
    app.post('/auth/kommo', async (c) => {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      return c.redirect(safeReturnPath(form.return) ?? '/', 303);
    });
    // Without sign-in the app still asks who is signed in, and hears that nobody needs to be.
    app.get('/auth/session', (c) => {
      c.header('cache-control', 'no-store');
      return c.json({ auth: 'none', user: null, reason: null, accountUrl: null, demoTeam: false });
    });
  }

  app.use('/api/*', apiRequestGuard());
  if (gate !== undefined) app.use('/api/*', gate);
  app.all(
    '/api/*',
    createProxyHandler({
      baseUrl: o.upstream.baseUrl,
      token: o.upstream.token,
      fetch: o.upstream.fetch,
      limiter,
      timeoutMs: o.upstreamTimeoutMs,
      logger: o.logger,
      demoClientId: o.mode === 'demo' ? remoteAddress : undefined,
      clientId: clientKey,
      contextUserId: auth === undefined ? undefined : (c: Context<ServerEnv>) => c.get('session')?.userId,
      shared: auth === undefined ? undefined : { isShared: (path) => REFERENCE_PATHS.test(path), ttlMs: REFERENCE_TTL_MS, now: auth.now },
      rewrite:
        directory === undefined
          ? undefined
          : async (c: Context<ServerEnv>, path, body) => {
              const user = c.get('user');
              if (user === undefined || directory === undefined) return body;
              const users = await directory.users();
              return filterByRights({ user, groupOf: (id) => users.get(id)?.groupId, path, body: rewriteForUser(user.id, path, body) });
            },
    }),
  );

  // The browser makes export files itself; it reports each one here for the audit log (who, which view, how many leads).
  app.use('/audit/*', apiRequestGuard());
  if (gate !== undefined) app.use('/audit/*', gate);
  app.post('/audit/export', async (c) => {
    const text = await c.req.text();
    const parsed = text.length > 4096 ? null : exportReportSchema.safeParse(safeJson(text));
    if (parsed === null || !parsed.success) {
      return problemResponse({
        status: 400,
        title: 'Bad Request',
        detail: 'An export report is {"format": "csv"|"xlsx", "view": "?…", "leads": n}.',
      });
    }
    o.audit?.record({ event: 'export', userId: c.get('session')?.userId ?? null, address: address(c), ...parsed.data });
    return c.body(null, 204);
  });

  const demoFaults = o.demoFaults;
  if (demoFaults !== undefined) {
    // The demo's switches change what every user sees: the same gate as the API (the app's header, and a session when sign-in is on).
    app.use('/__demo/*', apiRequestGuard());
    if (gate !== undefined) app.use('/__demo/*', gate);
    // Issue 16: /__demo/changes (the demo account moving over time) goes the same way as the faults.
    app.all('/__demo/:control{faults|changes}', async (c) => {
      const method = c.req.method;
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const body = hasBody ? await c.req.arrayBuffer() : undefined;
      if (body !== undefined && body.byteLength > MAX_FAULT_BODY_BYTES) {
        return problemResponse({ status: 413, title: 'Payload Too Large', detail: 'Fault settings are small JSON objects.' });
      }
      const url = new URL(c.req.url);
      const headers = new Headers({ authorization: `Bearer ${o.upstream.token}` });
      const contentType = c.req.header('content-type');
      if (contentType !== undefined) headers.set('content-type', contentType);
      const answer = await demoFaults(
        new Request(new URL(`/__demo/${c.req.param('control')}${url.search}`, o.upstream.baseUrl), { method, headers, body }),
      );
      const text = await answer.text();
      return new Response(text.split(o.upstream.token).join('[redacted]'), {
        status: answer.status,
        headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' },
      });
    });
  }

  // Hashed bundle files never change under one name: cache them for a year.
  app.get('/assets/*', cacheControl(IMMUTABLE), serveStatic({ root: o.distDir }));
  app.get('/assets/*', (c) => c.text('Not found', 404));
  app.get('*', cacheControl('no-cache'), serveStatic({ root: o.distDir }));
  // SPA fallback: any other page address gets index.html, so deep links and reloads work.
  app.get('*', async (c) => {
    if (!acceptsHtml(c)) return c.text('Not found', 404);
    if (!existsSync(indexPath)) return c.text(NOT_BUILT_MESSAGE, 503);
    c.header('cache-control', 'no-cache');
    return c.html(await readFile(indexPath, 'utf8'));
  });
  app.notFound((c) => c.text('Not found', 404));
  return app;
}
