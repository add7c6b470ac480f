import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { KOMMO_RATE_LIMIT_PER_SECOND, RATE_WINDOW_MS } from '../kommo/api-paths.ts';
import { apiRequestGuard } from './api-request-guard.ts';
import { createHostGuard } from './host-guard.ts';
import type { UpstreamFetch } from './proxy.ts';
import { createProxyHandler } from './proxy.ts';
import type { Logger } from './redacting-logger.ts';
import { securityHeaders } from './security-headers.ts';
import type { UpstreamLimiter } from './upstream-limiter.ts';
import { createUpstreamLimiter } from './upstream-limiter.ts';
import { problemResponse } from './problem-response.ts';

export type ServerEnv = { Bindings: Partial<HttpBindings> };

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
};

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

/** The whole HTTP surface: health, the API proxy, the demo fault switches (when enabled) and the built SPA. */
export function createServerApp(o: ServerAppOptions): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const limiter =
    o.limiter ??
    createUpstreamLimiter({
      perSecond: KOMMO_RATE_LIMIT_PER_SECOND - 1,
      maxQueue: MAX_QUEUE,
      maxQueuePerClient: MAX_QUEUE_PER_CLIENT,
      windowMs: UPSTREAM_WINDOW_MS,
    });
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
    return c.json({ parentOrigins: o.frameAncestors, publicUrl: o.publicUrl ?? null, kommoBaseUrl });
  });

  app.use('/api/*', apiRequestGuard());
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
      clientId: remoteAddress,
    }),
  );

  const demoFaults = o.demoFaults;
  if (demoFaults !== undefined) {
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
