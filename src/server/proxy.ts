import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { isAllowedApiPath, PRIORITY_HEADER } from '@/kommo/api-paths.ts';
import { parseLeadsQuery } from '@/kommo/parse-leads-query.ts';
import { apiQueryIssues } from '@/kommo/api-query.ts';
import type { Logger } from './redacting-logger.ts';
import { redactSecrets } from './redacting-logger.ts';
import type { UpstreamLimiter, UpstreamPriority } from './upstream-limiter.ts';
import { BudgetUnavailableError } from './upstream-limiter.ts';
import { problemResponse, statusTitle } from './problem-response.ts';

/**
 * Whatever answers upstream requests: global fetch for a real account, the demo app's `fetch` in-process.
 * The client's Node bindings are handed over so the in-process demo can emulate a dropped connection.
 */
export type UpstreamFetch = (request: Request, client?: Partial<HttpBindings>) => Response | Promise<Response>;

export type ProxyOptions = {
  /** Upstream origin, fixed from config; nothing in the client request can change it. */
  baseUrl: string;
  token: string;
  fetch: UpstreamFetch;
  limiter: UpstreamLimiter;
  timeoutMs: number;
  logger: Logger;
  /** Demo mode only: names the caller to the demo account (X-Demo-Client) for its per-client rate limit. Never sent to a real Kommo. */
  demoClientId?: (c: Context) => string;
  /** Names the caller for the limiter's fair queueing (the signed-in user, or the address); one shared queue when absent. */
  clientId?: (c: Context) => string;
  /** The signed-in user of this request: their id goes upstream as `X-Context-User-ID`, so Kommo answers with their rights. */
  contextUserId?: (c: Context) => number | undefined;
  /** Rewrites a 200 JSON body before it leaves (the rights filter, the session's own user id on /account). */
  rewrite?: (c: Context, path: string, body: unknown) => unknown;
  /**
   * Reference data every page needs: read with the server's own token (no user context), shared by
   * every user for `ttlMs`, one upstream call however many ask at once.
   */
  shared?: { isShared: (path: string) => boolean; ttlMs: number; now?: () => number };
};

export const MAX_QUERY_LENGTH = 8192;
/** Kommo pages are at most 250 entities; anything near this is not a Kommo answer. */
export const MAX_UPSTREAM_BODY_BYTES = 32 * 1024 * 1024;

const TRAVERSAL = /\.\.|\\|%2e|%2f|%5c|%25|%00|(?:^|\/)\.(?:\/|$)/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\x00-\x20\x7f]/;
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;
const BROKEN_PERCENT = /%(?![0-9a-f]{2})/i;
const SAFE_RETRY_AFTER = /^[A-Za-z0-9 ,:+-]{1,64}$/;
/** An HTTP date (IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

class UpstreamTimeoutError extends Error {}

/** The request target exactly as the client sent it (before URL normalisation folds `..` and `%2e%2e` away). */
function rawTarget(c: Context): string {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (typeof incoming?.url === 'string' && incoming.url.startsWith('/')) return incoming.url;
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

function refusal(status: number, detail: string, headers?: Record<string, string>): Response {
  return problemResponse({ status, title: statusTitle(status), detail, headers });
}

const LEADS_PATH = '/api/v4/leads';

/**
 * `/leads` queries are read by the same codec the app writes them with (src/kommo/leads-query.ts):
 * a key it does not know is not one the app sends, so it never reaches Kommo. Only unknown keys are
 * refused; values the codec would trim (limit over 250, say) are Kommo's to judge, as before.
 */
function checkLeadsQuery(query: string): Response | null {
  if (query === '') return null;
  const unknown = parseLeadsQuery(query).issues.filter((i) => i.reason === 'unknown-parameter');
  if (unknown.length === 0) return null;
  const names = [...new Set(unknown.map((i) => i.param.slice(0, 80)))].slice(0, 5);
  return problemResponse({
    status: 400,
    title: statusTitle(400),
    detail: `The leads list does not take ${names.map((n) => `"${n}"`).join(', ')}: only the parameters of Kommo's "List leads" that this app sends.`,
    extra: { 'validation-errors': unknown.slice(0, 20).map((i) => ({ param: i.param.slice(0, 80), detail: i.detail })) },
  });
}

/** Every other path's query, read with its rules (src/kommo/api-query.ts): contacts by id only, never `query=`. */
function checkOtherQuery(path: string, query: string): Response | null {
  const issues = apiQueryIssues(path, query);
  if (issues === null || issues.length === 0) return null;
  const names = [...new Set(issues.map((i) => i.param.slice(0, 80)))].slice(0, 5);
  return problemResponse({
    status: 400,
    title: statusTitle(400),
    detail: `${path.slice(0, 80)} does not take ${names.map((n) => `"${n}"`).join(', ')}: only the parameters this app sends there.`,
    extra: { 'validation-errors': issues.slice(0, 20).map((i) => ({ param: i.param.slice(0, 80), detail: i.detail })) },
  });
}

/** Refuses anything that is not a plain, bodiless GET of an allowlisted path; null when the request may go on. */
function checkRequest(c: Context, path: string, query: string): Response | null {
  const method = c.req.method;
  if (method !== 'GET') return refusal(405, `The API proxy is read-only: ${method.slice(0, 16)} is not allowed, only GET.`, { allow: 'GET' });
  const length = c.req.header('content-length');
  if ((length !== undefined && length.trim() !== '0') || c.req.header('transfer-encoding') !== undefined) {
    return refusal(400, 'A GET request to the API proxy must not carry a body.');
  }
  if (query.length > MAX_QUERY_LENGTH)
    return refusal(414, `The query string is ${query.length} characters long; the proxy accepts at most ${MAX_QUERY_LENGTH}.`);
  if (CONTROL_CHARS.test(path) || TRAVERSAL.test(path)) {
    return refusal(400, 'The path contains dot segments, encoded slashes, backslashes or control characters.');
  }
  if (!isAllowedApiPath(path)) return refusal(404, `${path.slice(0, 200)} is not one of the API paths this app reads.`);
  if (CONTROL_CHARS.test(query) || ENCODED_CONTROL.test(query)) {
    return refusal(400, 'The query string contains control characters (such as CR or LF).');
  }
  if (BROKEN_PERCENT.test(query)) return refusal(400, 'The query string contains a broken percent-encoding.');
  if (path === LEADS_PATH) return checkLeadsQuery(query);
  return checkOtherQuery(path, query);
}

/** Reads a body up to a size cap; throws when the cap is passed. */
async function readCapped(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPSTREAM_BODY_BYTES) {
      await reader.cancel();
      throw new RangeError(`upstream body over ${MAX_UPSTREAM_BODY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function looksLikeJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function describeBody(contentType: string, body: string): string {
  if (body.trim() === '') return 'an empty body';
  if (/html/i.test(contentType) || /^\s*</.test(body)) return 'an HTML page instead of JSON';
  return 'a body that is not JSON';
}

const STATUS_HINTS: Record<number, string> = {
  401: ' The token is missing, wrong or expired.',
  402: ' The Kommo account is not paid.',
  403: ' Kommo blocks this integration or IP (often after too many requests) or the user lacks rights.',
  429: ' Too many requests: wait before retrying.',
};

/** JSON in any of its registered flavours: application/json, application/hal+json, application/problem+json. */
const JSON_CONTENT_TYPE = /^application\/(?:[a-z0-9.-]+\+)?json\s*(?:;.*)?$/i;

/** Turns the upstream answer into the proxy's answer: only safe headers, errors always problem+json, the token never echoed. */
function translate(upstream: Response, body: string, token: string, path: string): Response {
  const status = upstream.status;
  const contentType = upstream.headers.get('content-type') ?? '';
  const retryAfter = upstream.headers.get('retry-after');
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (retryAfter !== null && SAFE_RETRY_AFTER.test(retryAfter)) headers['retry-after'] = retryAfter;
  // Kommo's clock, not this server's: the browser's local copy takes its cursors from it.
  const date = upstream.headers.get('date');
  if (date !== null && HTTP_DATE.test(date)) headers['date'] = date;
  const clean = body.includes(token) ? redactSecrets(body, [token]) : body;

  if (status === 204 || status === 304) return new Response(null, { status, headers });
  if (status >= 200 && status < 300) {
    // Whatever sits at KOMMO_BASE_URL must not get to serve SVG, HTML or a script from our origin:
    // only JSON passes, and it leaves as plain application/json.
    if (!JSON_CONTENT_TYPE.test(contentType.trim())) {
      return problemResponse({
        status: 502,
        title: statusTitle(502),
        detail: `Kommo answered ${path} with ${contentType === '' ? 'no content type' : `"${contentType.slice(0, 60)}"`} instead of JSON; the proxy passes only JSON.`,
        headers,
      });
    }
    headers['content-type'] = 'application/json; charset=utf-8';
    return new Response(clean, { status, headers });
  }
  if (/json/i.test(contentType) && looksLikeJsonObject(clean)) {
    headers['content-type'] = 'application/problem+json';
    return new Response(clean, { status, headers });
  }
  const seconds = retryAfter !== null && /^\d{1,6}$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return problemResponse({
    status,
    title: statusTitle(status),
    detail: `Kommo answered ${status} for ${path} with ${describeBody(contentType, body)}.${STATUS_HINTS[status] ?? ''}`,
    headers,
    // The app tells a missing right (Kommo's JSON problem) from a block (nginx's page) by this mark.
    extra: { upstream_not_json: true, ...(seconds === undefined ? {} : { retry_after: seconds }) },
  });
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  if (code !== undefined) return code;
  return cause instanceof Error ? cause.message.slice(0, 200) : 'unknown error';
}

type SharedAnswer = { status: number; headers: [string, string][]; body: string };

async function snapshot(response: Response): Promise<SharedAnswer> {
  return { status: response.status, headers: [...response.headers.entries()], body: await response.text() };
}

function fromSnapshot(answer: SharedAnswer): Response {
  return new Response(answer.status === 204 ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/** The handler for `/api/*`: validates, rate-limits and forwards one GET to the fixed upstream. */
export function createProxyHandler(o: ProxyOptions): (c: Context) => Promise<Response> {
  const base = new URL(o.baseUrl);
  const secrets = [o.token];
  const sharedAnswers = new Map<string, { at: number; answer: Promise<SharedAnswer> }>();
  const sharedNow = o.shared?.now ?? Date.now;

  /** One upstream call, from the limiter's grant to the translated answer. */
  const forward = async (
    c: Context,
    path: string,
    query: string,
    clientSignal: AbortSignal,
    contextUserId: number | undefined,
  ): Promise<Response> => {
    // Checked before the queue: a refused target never takes a slot of Kommo's window.
    const url = new URL(path + (query === '' ? '' : `?${query}`), base);
    if (url.origin !== base.origin) return refusal(400, 'The request target is not a path.');
    const priority: UpstreamPriority = /^(?:walk|background)$/i.test(c.req.header(PRIORITY_HEADER) ?? '') ? 'walk' : 'visible';
    let grant;
    try {
      grant = await o.limiter.acquire(clientSignal, o.clientId?.(c), priority);
    } catch (error) {
      if (error instanceof BudgetUnavailableError) {
        o.logger.error(`proxy: ${error.message}`);
        return refusal(503, "The server cannot reach its shared store (REDIS_URL) to keep within Kommo's rate limit; try again shortly.");
      }
      return refusal(499, 'The client went away while the request waited for its turn.');
    }
    if (!grant.granted) {
      return problemResponse({
        status: 429,
        title: statusTitle(429),
        detail: 'The server is already sending the Kommo API as many requests as it allows (under 7 a second) and the queue for this client is full.',
        headers: { 'retry-after': String(grant.retryAfterSeconds) },
        extra: { retry_after: grant.retryAfterSeconds },
      });
    }

    const headers = new Headers({
      accept: 'application/hal+json, application/problem+json, application/json;q=0.9, */*;q=0.1',
      authorization: `Bearer ${o.token}`,
      'user-agent': 'kommo-leads-browser-proxy',
    });
    if (contextUserId !== undefined) headers.set('x-context-user-id', String(contextUserId));
    const ifModifiedSince = c.req.header('if-modified-since');
    if (ifModifiedSince !== undefined && SAFE_RETRY_AFTER.test(ifModifiedSince)) headers.set('if-modified-since', ifModifiedSince);
    if (o.demoClientId !== undefined) headers.set('x-demo-client', o.demoClientId(c));

    const controller = new AbortController();
    const onClientAbort = () => controller.abort(clientSignal.reason);
    clientSignal.addEventListener('abort', onClientAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Raced as well as signalled: an in-process upstream may ignore the abort signal.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new UpstreamTimeoutError();
        controller.abort(error);
        reject(error);
      }, o.timeoutMs);
    });
    const started = Date.now();
    try {
      // From here the call is on its way: Kommo's window counts it from now, not from its grant.
      grant.sent();
      const request = new Request(url, { method: 'GET', headers, redirect: 'manual', signal: controller.signal });
      const upstream = await Promise.race([Promise.resolve(o.fetch(request, c.env as Partial<HttpBindings> | undefined)), deadline]);
      if (
        upstream.type === 'opaqueredirect' ||
        upstream.status < 200 ||
        (upstream.status >= 300 && upstream.status < 400 && upstream.status !== 304)
      ) {
        await upstream.body?.cancel().catch(() => undefined);
        o.logger.warn(`proxy: GET ${path} -> upstream redirect ${upstream.status} to ${upstream.headers.get('location') ?? '(none)'}; not followed`);
        return refusal(
          502,
          `Kommo answered ${path} with a redirect (${upstream.status}), which the proxy does not follow. Check KOMMO_SUBDOMAIN / KOMMO_BASE_URL.`,
        );
      }
      const body = await Promise.race([readCapped(upstream), deadline]);
      if (upstream.status >= 500) o.logger.warn(`proxy: GET ${path} -> upstream ${upstream.status} in ${Date.now() - started} ms`);
      return translate(upstream, body, o.token, path);
    } catch (error) {
      if (error instanceof UpstreamTimeoutError) {
        o.logger.warn(`proxy: GET ${path} -> timeout after ${o.timeoutMs} ms`);
        return refusal(504, `Kommo did not answer ${path} within ${Math.round(o.timeoutMs / 1000)} s.`);
      }
      if (clientSignal.aborted) return refusal(499, 'The client went away before Kommo answered.');
      if (error instanceof RangeError) {
        o.logger.warn(`proxy: GET ${path} -> ${error.message}`);
        return refusal(502, 'Kommo sent an answer too large to be a page of results.');
      }
      const reason = redactSecrets(networkReason(error), secrets);
      o.logger.warn(`proxy: GET ${path} -> upstream unreachable (${reason})`);
      return refusal(502, `Could not reach the Kommo API at ${base.origin} (${reason}).`);
    } finally {
      clearTimeout(timer);
      clientSignal.removeEventListener('abort', onClientAbort);
    }
  };

  /** A reference answer shared by every user: one upstream call (with the server's own rights) for everyone who asks within the ttl. */
  const sharedAnswer = (c: Context, path: string, query: string, ttlMs: number): Promise<Response> => {
    const key = `${path}?${query}`;
    const at = sharedNow();
    const cached = sharedAnswers.get(key);
    if (cached !== undefined && at - cached.at < ttlMs) return cached.answer.then(fromSnapshot);
    // Not tied to the first asker's connection: the others wait for the same answer.
    const answer = forward(c, path, query, new AbortController().signal, undefined).then(snapshot);
    const entry = { at, answer };
    sharedAnswers.set(key, entry);
    void answer.then((a) => {
      // Only a good answer is kept; a failure is asked again by the next request.
      if (a.status !== 200 && sharedAnswers.get(key) === entry) sharedAnswers.delete(key);
    });
    if (sharedAnswers.size > 500) sharedAnswers.delete(sharedAnswers.keys().next().value ?? key);
    return answer.then(fromSnapshot);
  };

  return async (c) => {
    const target = rawTarget(c);
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    const query = q === -1 ? '' : target.slice(q + 1);
    const refused = checkRequest(c, path, query);
    if (refused !== null) return refused;

    const shared = o.shared !== undefined && o.shared.isShared(path);
    const response =
      shared && o.shared !== undefined
        ? await sharedAnswer(c, path, query, o.shared.ttlMs)
        : await forward(c, path, query, c.req.raw.signal, o.contextUserId?.(c));
    if (o.rewrite === undefined || response.status !== 200 || !/json/i.test(response.headers.get('content-type') ?? '')) return response;
    const body: unknown = JSON.parse(await response.text());
    return new Response(JSON.stringify(await o.rewrite(c, path, body)), { status: 200, headers: response.headers });
  };
}
