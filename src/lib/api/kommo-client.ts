// The one Kommo client of the browser: rate limiting, bounded retries, the 403 block, 204 handling
// and schema parsing at the boundary. Fetchers build on `get`; the UI reads `getState`.
import * as z from 'zod/mini';
import { abortableSleep, raceAbort, type Sleep } from './abortable-sleep';
import { anySignal } from './any-signal';
import { abortedError, ApiError, apiErrorFromResponse, apiErrorFromThrown, apiErrorFromZod, isRetryableKind, schemaIssueMessage } from './api-error';
import { createRateLimiter, type RequestPriority } from './rate-limiter';
import type { PageDirectory } from './page-directory';
import type { Transport, TransportKind } from './transport';

export type KommoClientState = {
  blocked: boolean;
  rateLimitedUntil: number | null;
  requests: number;
  /**
   * Endpoints that refused this user with a missing right (a JSON 403), each named once by its
   * allowlisted prefix (`/api/v4/catalogs` for a catalog's elements too): what needs them degrades.
   */
  refused: readonly string[];
};

export type KommoClient = {
  readonly transportKind: TransportKind;
  /**
   * GET + parse. Resolves null for 204 (never parses JSON on 204). Throws ApiError. `priority`
   * (default 'normal') orders the call among those waiting for the rate limit.
   */
  get<S extends z.ZodMiniType>(path: string, query: string, schema: S, signal: AbortSignal, priority?: RequestPriority): Promise<z.output<S> | null>;
  getState(): KommoClientState;
  /** For useSyncExternalStore: the listener runs after every state change. */
  subscribe(listener: () => void): () => void;
  /** Inside Kommo: the people and rights the Kommo page states (see page-directory.ts); null standalone. */
  readonly pageDirectory?: () => PageDirectory | null;
  /** After a block (a non-JSON 403, or a 403 on /account) every call fails fast with 'forbidden' until the user retries: */
  unblock(): void;
};

export type KommoClientOptions = {
  /** Request starts per rolling second; Kommo allows 7, we stay below. */
  ratePerSecond?: number;
  /** Retries after the first attempt, for 429, 5xx, network errors and timeouts only. */
  maxRetries?: number;
  random?: () => number;
  sleep?: Sleep;
  now?: () => number;
  pageDirectory?: () => PageDirectory | null;
};

/**
 * Kommo allows 7 requests a second per integration; the app keeps to 6 (the same pace as our proxy's
 * upstream limiter), leaving one a second for network jitter so normal use, load-all included, never
 * earns a 429. Measured in bench/load-all-bench.ts: 5/s walks 10,000 leads at ~1.25x the floor of
 * ceil(N/250)/7 s, 6/s at ~1.07x, with zero 429s either way.
 */
export const DEFAULT_RATE_PER_SECOND = 6;
export const DEFAULT_MAX_RETRIES = 3;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8000;
const RETRY_AFTER_JITTER_MS = 250;
/** A Retry-After longer than this is not waited out silently: the error reaches the UI's countdown. */
const MAX_RETRY_AFTER_WAIT_MS = 60_000;
/** Paths whose 403 means "not for this session" (a widget's user has no integration sources), not a block. */
const OPTIONAL_PATHS: ReadonlySet<string> = new Set(['/api/v4/sources']);
/** Every user may read the account: a 403 there, JSON or not, is a block of every call. */
const ACCOUNT_PATH = '/api/v4/account';

function refusedName(path: string): string {
  return path.startsWith('/api/v4/catalogs') ? '/api/v4/catalogs' : path;
}

export function createKommoClient(transport: Transport, options: KommoClientOptions = {}): KommoClient {
  const ratePerSecond = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  const maxRetries = Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const limiter = createRateLimiter(ratePerSecond, now, sleep);

  let state: KommoClientState = { blocked: false, rateLimitedUntil: null, requests: 0, refused: [] };
  const listeners = new Set<() => void>();
  // Aborted on a 403 so queued calls and backoff waits stop at once, not at their next turn.
  let blockController = new AbortController();

  const setState = (patch: Partial<KommoClientState>) => {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  };

  const forbidden = () =>
    new ApiError({ kind: 'forbidden', status: 403, detail: 'Kommo refused an earlier request with 403; calls are stopped until retried' });

  /** Waits for `ms`, failing with 'aborted' on the caller's abort and with 'forbidden' on a block. */
  const wait = async (ms: number, signal: AbortSignal) => {
    if (ms <= 0) return;
    const blockSignal = blockController.signal;
    const linked = anySignal([signal, blockSignal]);
    try {
      await sleep(ms, linked.signal);
    } catch (error) {
      if (signal.aborted) throw abortedError(signal);
      if (blockSignal.aborted) throw forbidden();
      throw apiErrorFromThrown(error);
    } finally {
      linked.release();
    }
  };

  const acquire = async (signal: AbortSignal, priority: RequestPriority | undefined) => {
    const blockSignal = blockController.signal;
    const linked = anySignal([signal, blockSignal]);
    try {
      await limiter.acquire(linked.signal, priority);
    } catch (error) {
      if (signal.aborted) throw abortedError(signal);
      if (blockSignal.aborted) throw forbidden();
      throw apiErrorFromThrown(error);
    } finally {
      linked.release();
    }
  };

  const backoffMs = (attempt: number) => {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
    // "Equal jitter": at least half the ceiling, so a retry never fires immediately.
    return ceiling / 2 + random() * (ceiling / 2);
  };

  async function attemptOnce<S extends z.ZodMiniType>(
    path: string,
    query: string,
    schema: S,
    signal: AbortSignal,
    attempt: number,
    priority: RequestPriority | undefined,
  ) {
    if (state.blocked) throw forbidden();
    // After a 429 every caller waits out the same cool-down before its turn in the limiter; a
    // cool-down too long to wait silently fails fast so the UI can show its countdown.
    const until = state.rateLimitedUntil;
    if (until !== null) {
      const remaining = until - now();
      if (remaining > MAX_RETRY_AFTER_WAIT_MS) {
        throw new ApiError({ kind: 'rate-limited', status: 429, detail: 'Kommo asked to wait before the next request', retryAfterMs: remaining });
      }
      await wait(remaining, signal);
    }
    await acquire(signal, priority);
    if (state.blocked) throw forbidden();
    if (signal.aborted) throw abortedError(signal);

    setState({ requests: state.requests + 1 });
    let response;
    try {
      // The team server queues a walk behind anyone's visible list (issue 21): it is told which is which.
      response = await raceAbort(transport.get({ path, query, signal, walk: priority === 'background' }), signal);
    } catch (error) {
      if (signal.aborted) throw abortedError(signal);
      throw apiErrorFromThrown(error);
    }

    // Any answer after the cool-down ends it (a new 429 below sets a new one).
    if (state.rateLimitedUntil !== null && now() >= state.rateLimitedUntil) setState({ rateLimitedUntil: null });
    if (response.status >= 200 && response.status < 300) {
      if (response.status === 204) return null;
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch (error) {
        throw new ApiError({ kind: 'schema', status: response.status, detail: 'the response is not valid JSON', cause: error });
      }
      const parsed = z.safeParse(schema, json, { error: schemaIssueMessage });
      if (!parsed.success) throw apiErrorFromZod(parsed.error, response.status);
      return parsed.data as z.output<S>;
    }

    let error = apiErrorFromResponse(response, now());
    if (error.kind === 'forbidden') {
      if (path === ACCOUNT_PATH && error.refusal !== 'block') {
        error = new ApiError({ kind: 'forbidden', status: 403, detail: error.detail, traceId: error.traceId, refusal: 'block' });
      }
      if (error.refusal === 'block' && !OPTIONAL_PATHS.has(path)) {
        if (!state.blocked) {
          blockController.abort();
          setState({ blocked: true });
        }
      } else {
        // A right this user lacks on this endpoint: say so once, stop nothing.
        const name = refusedName(path);
        if (!state.refused.includes(name)) setState({ refused: [...state.refused, name].sort() });
      }
    } else if (error.kind === 'rate-limited') {
      const coolDown = error.retryAfterMs ?? backoffMs(attempt);
      const nextUntil = now() + coolDown;
      if (state.rateLimitedUntil === null || nextUntil > state.rateLimitedUntil) setState({ rateLimitedUntil: nextUntil });
    }
    throw error;
  }

  return {
    transportKind: transport.kind,
    ...(options.pageDirectory ? { pageDirectory: options.pageDirectory } : {}),
    async get(path, query, schema, signal, priority) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await attemptOnce(path, query, schema, signal, attempt, priority);
        } catch (error) {
          const apiError = apiErrorFromThrown(error);
          const retryAfterMs = apiError.retryAfterMs;
          const retryable =
            isRetryableKind(apiError.kind) &&
            attempt < maxRetries &&
            !signal.aborted &&
            (retryAfterMs === null || retryAfterMs <= MAX_RETRY_AFTER_WAIT_MS);
          if (!retryable) throw apiError;
          // A 429 set the shared cool-down: wait it out plus a little jitter so waiting calls do not
          // all fire in the same millisecond.
          const delay =
            apiError.kind === 'rate-limited'
              ? Math.max(0, (state.rateLimitedUntil ?? now()) - now()) + random() * RETRY_AFTER_JITTER_MS
              : backoffMs(attempt);
          await wait(delay, signal);
        }
      }
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    unblock() {
      if (!state.blocked) return;
      blockController = new AbortController();
      setState({ blocked: false });
    },
  };
}

/**
 * The same client with another default priority for calls that name none: the table's list asks
 * 'urgent', a load-all walk 'background', so code below them (the stream, the fetchers, the
 * prefetch wrapper) need not know who is waiting.
 */
export function withPriority(client: KommoClient, priority: RequestPriority): KommoClient {
  return {
    ...client,
    transportKind: client.transportKind,
    get: (path, query, schema, signal, own) => client.get(path, query, schema, signal, own ?? priority),
  };
}
