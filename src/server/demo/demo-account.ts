// The built-in demo Kommo account: a deterministic emulation of Kommo API v4 as a Hono app, served
// in-process by the server (the proxy forwards /api/v4/* here in demo mode).
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type Next } from 'hono';
import { KOMMO_RATE_LIMIT_PER_SECOND } from '@/kommo/api-paths';
import { createDemoData, type DemoData } from './demo-data';
import { FIRST_COMPANY_ID, FIRST_CONTACT_ID } from './demo-people';
import { registerLeadsRoute, type DemoRouteContext } from './demo-leads-route';
import { registerReferenceRoutes } from './demo-reference-routes';
import { nginxHtmlResponse, problemResponse } from './demo-responses';
import { createFaultController, DemoConnectionDroppedError, faultPatchSchema, type FaultController } from './faults';
import { createLeadWireLookups } from './lead-wire';
import { createHostileData } from './hostile-fixture';
import { createLeadIndex } from './leads-search';
import { createLinkedText } from './linked-search-text';
import { createRateLimiter } from './rate-limiter';
import { viewerOf } from './demo-context-user';
// Issue 16 seam: lead_deleted events, and the demo moving over time (POST /__demo/changes).
import { createDemoChanges, registerChangesControl, registerEventsRoute } from './demo-changes';

export type DemoAccountOptions = {
  leads?: number;
  seed?: number;
  token: string;
  rateLimit?: boolean;
  faults?: boolean;
  /** 'hostile': XSS payloads, RTL overrides and 10,000-character texts in every user-typed field (see hostile-fixture.ts). */
  fixture?: 'standard' | 'hostile';
  now?: () => number;
};
export type DemoAccount = { app: Hono; data: DemoData; faults: FaultController };

export const FAULTS_PATH = '/__demo/faults';
export const DEMO_CLIENT_HEADER = 'X-Demo-Client';

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  if (!match || token === '') return false;
  const given = Buffer.from(match[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The Node socket when the app runs under @hono/node-server (c.env.incoming), else null. */
function nodeSocket(c: Context): { destroy: () => void } | null {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return null;
  const incoming: unknown = env.incoming;
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return null;
  const socket: unknown = incoming.socket;
  if (typeof socket !== 'object' || socket === null || !('destroy' in socket) || typeof socket.destroy !== 'function') return null;
  const destroy = socket.destroy.bind(socket) as () => void;
  return { destroy };
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** 200 JSON cut in half: what a proxy that dropped the tail of a response looks like. */
async function truncated(res: Response): Promise<Response> {
  const text = await res.text();
  return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: res.status, headers: res.headers });
}

function registerFaultControl(app: Hono, faults: FaultController): void {
  app.get(FAULTS_PATH, (c) => c.json(faults.get()));
  app.delete(FAULTS_PATH, (c) => {
    faults.reset();
    return c.json(faults.get());
  });
  app.post(FAULTS_PATH, async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return problemResponse(400, 'The body must be a JSON object of fault settings');
    }
    const parsed = faultPatchSchema.safeParse(body);
    if (!parsed.success) return problemResponse(400, parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    return c.json(faults.set(parsed.data));
  });
}

export function createDemoAccount(options: DemoAccountOptions): DemoAccount {
  const generated = createDemoData({ ...(options.leads === undefined ? {} : { leads: options.leads }), seed: options.seed ?? 1 });
  const data = options.fixture === 'hostile' ? createHostileData(generated) : generated;
  const faults = createFaultController();
  const now = options.now ?? Date.now;
  const limiter = createRateLimiter(KOMMO_RATE_LIMIT_PER_SECOND, now);
  let requestCount = 0;
  const nextId = (prefix: string) => `${prefix}${(++requestCount).toString(16).padStart(12, '0')}`;
  const ctx: DemoRouteContext = {
    data,
    index: createLeadIndex(data.leads, data.deletedLeads, createLinkedText(data)),
    lookups: createLeadWireLookups(data),
    nextRequestId: () => nextId('demo-req-'),
    viewers: new Map(),
  };

  const changes = createDemoChanges(ctx, now);

  const app = new Hono();
  // Registered first and answering without next(): the control endpoint is never itself faulty.
  if (options.faults) registerFaultControl(app, faults);
  if (options.faults) registerChangesControl(app, changes);

  // Like Kommo's front servers, every answer carries the account's time in its Date header (the demo's
  // `now`): the local copy takes its cursors from it, whatever the browser's clock says.
  app.use('*', async (c: Context, next: Next) => {
    await next();
    try {
      c.res.headers.set('Date', new Date(now()).toUTCString());
    } catch {
      // An answer with immutable headers goes out as it is.
    }
  });

  app.use('*', async (c: Context, next: Next) => {
    if (!faults.appliesTo(c.req.path)) return next();
    const f = faults.get();
    const signal = c.req.raw.signal;
    if (f.hang) return untilAborted(signal);
    if (f.dropConnection) {
      if (f.latencyMs > 0) await sleep(f.latencyMs, signal);
      nodeSocket(c)?.destroy();
      throw new DemoConnectionDroppedError();
    }
    let res: Response | null = null;
    if (f.blocked403) res = nginxHtmlResponse(403);
    else if (f.unauthorized401) res = problemResponse(401, 'Missing or invalid bearer token (fault: unauthorized401)');
    else if (faults.takeBurst429()) res = problemResponse(429, 'Too many requests (fault: burst429)', { retry_after: 1 }, { 'Retry-After': '1' });
    else if (faults.takeError()) res = problemResponse(500, 'Internal error (fault: errorRate)', { trace_id: nextId('') });
    if (res === null) {
      await next();
      res = c.res;
    }
    // The answer is slow, not the call's arrival: Kommo counts a call against its rate limit when it
    // arrives. Slept before the limiter, slow calls were counted on their way out, with calls sent a
    // second or more after them, and a client that kept to 7 a second met a 429 (an e2e search on a
    // demo seed whose leads needed two catalogues' elements).
    if (f.latencyMs > 0) await sleep(f.latencyMs, signal);
    if (f.malformedJson && res.status === 200) res = await truncated(res);
    if (f.htmlErrors && res.status >= 400 && !(res.headers.get('Content-Type') ?? '').startsWith('text/html')) {
      const retryAfter = res.headers.get('Retry-After');
      res = nginxHtmlResponse(res.status, retryAfter ? { 'Retry-After': retryAfter } : {});
    }
    c.res = undefined;
    c.res = res;
  });

  // Paths outside the API are simply not found (no auth first): /__demo/faults is 404 unless enabled.
  app.use('/api/v4/*', async (c, next) => {
    if (options.rateLimit !== false) {
      const decision = limiter.check(c.req.header(DEMO_CLIENT_HEADER) ?? '');
      if (!decision.allowed) {
        return problemResponse(
          429,
          `More than ${KOMMO_RATE_LIMIT_PER_SECOND} requests a second`,
          { retry_after: decision.retryAfterSeconds },
          { 'Retry-After': String(decision.retryAfterSeconds) },
        );
      }
    }
    if (!tokenMatches(c.req.header('Authorization'), options.token)) return problemResponse(401, 'Missing or invalid bearer token');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
      return problemResponse(405, 'The demo account is read-only: GET only', {}, { Allow: 'GET' });
    const viewer = viewerOf(c, data, ctx.viewers);
    if (viewer instanceof Response) return viewer;
    return next();
  });

  registerLeadsRoute(app, ctx);
  registerEventsRoute(app, ctx, changes);
  registerReferenceRoutes(app, ctx, { firstContactId: FIRST_CONTACT_ID, firstCompanyId: FIRST_COMPANY_ID });

  app.notFound(() => problemResponse(404, 'No such endpoint'));
  app.onError((err, c) => {
    // Dropped connections and client aborts surface to the caller as rejections, like fetch's.
    if (err instanceof DemoConnectionDroppedError || c.req.raw.signal.aborted) throw err;
    return problemResponse(500, 'Internal error', { trace_id: nextId('') });
  });

  return { app, data, faults };
}
