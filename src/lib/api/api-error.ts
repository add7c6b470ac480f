// Every failure of the fetch layer becomes one ApiError with a kind the UI can name and a
// transport-independent shape: the UI never sees a raw Response, a TypeError or a ZodError.
import type * as z from 'zod/mini';
import { problemSchema, type Problem } from '@/kommo/problem-schema';
import type { TransportResponse } from './transport';

export type ApiErrorKind =
  | 'unauthorized'
  | 'payment-required'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'schema'
  | 'aborted';

/**
 * What a 403 means (kommo-api.md, "403: a missing right or a block?"): a JSON problem on one endpoint
 * is a right this user lacks there; a non-JSON 403 (nginx's HTML page) is a block of every call.
 */
export type ForbiddenMeaning = 'missing-right' | 'block';

export type ApiErrorInit = {
  kind: ApiErrorKind;
  /** 403 only: see ForbiddenMeaning. */
  refusal?: ForbiddenMeaning | null;
  status?: number | null;
  detail: string;
  retryAfterMs?: number | null;
  field?: string | null;
  traceId?: string | null;
  cause?: unknown;
};

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  /** Technical detail (English, from the server or ours); the UI shows a translated text per kind. */
  readonly detail: string;
  readonly retryAfterMs: number | null;
  /** The first validation path (`filter[id]`) or the failing schema path (`_embedded.leads.3.price`). */
  readonly field: string | null;
  readonly traceId: string | null;
  /** 403 only: a right this user lacks on one endpoint, or a block of every call. */
  readonly refusal: ForbiddenMeaning | null;

  constructor(init: ApiErrorInit) {
    super(`${init.kind}${init.status != null ? ` ${init.status}` : ''}: ${init.detail}`, { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.field = init.field ?? null;
    this.traceId = init.traceId ?? null;
    this.refusal = init.refusal ?? (init.kind === 'forbidden' ? 'block' : null);
  }
}

/**
 * A call this user has no right to (a JSON 403 on that endpoint) reads as `fallback`: the names it
 * would have given show as ids, and the client's `refused` list says why. Anything else still throws.
 */
export async function whenRefused<T>(request: Promise<T>, fallback: T): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (isMissingRight(error)) return fallback;
    throw error;
  }
}

/** A 403 that only means this user may not use that endpoint: degrade what needs it, stop nothing else. */
export function isMissingRight(e: unknown): e is ApiError {
  return isApiError(e) && e.kind === 'forbidden' && e.refusal === 'missing-right';
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The kinds worth another attempt: the request itself was fine, the moment was not. */
export function isRetryableKind(kind: ApiErrorKind): boolean {
  return kind === 'rate-limited' || kind === 'server' || kind === 'network' || kind === 'timeout';
}

const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * Reads Retry-After as delta-seconds ("3", tolerating "1.5") or an HTTP date, relative to `nowMs`.
 * Returns milliseconds (never negative) or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | number | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.min(value, MAX_RETRY_AFTER_SECONDS) * 1000 : null;
  const text = value.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS) * 1000;
  // Only the HTTP-date forms: Date.parse alone would also accept things like "5" or "2024".
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_SECONDS * 1000);
}

function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'payment-required';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  // 504 is the proxy (or Kommo's gateway) giving up on a slow upstream: say it took too long.
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  // 400, 422 (over 250 entities) and the rest of 4xx: the request as sent was refused.
  return 'validation';
}

function parseProblem(body: string): Problem | null {
  const text = body.trim();
  // nginx HTML pages and empty bodies are typed by status alone.
  if (!text.startsWith('{')) return null;
  try {
    const result = problemSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** Types a non-2xx answer. Bodies are parsed defensively: HTML, empty or odd JSON never throws here. */
export function apiErrorFromResponse(response: TransportResponse, nowMs: number): ApiError {
  const { status } = response;
  const problem = parseProblem(response.body);
  const kind = kindForStatus(status);
  const firstError = problem?.['validation-errors']?.flatMap((v) => v.errors)[0];
  const retryAfterMs =
    kind === 'rate-limited' ? (parseRetryAfter(response.headers['retry-after'], nowMs) ?? parseRetryAfter(problem?.retry_after, nowMs)) : null;
  const detail = firstError?.detail ?? problem?.detail ?? problem?.title ?? `HTTP ${status}${problem ? '' : ' (no problem+json body)'}`;
  return new ApiError({
    kind,
    status,
    detail,
    retryAfterMs,
    field: firstError?.path ?? null,
    traceId: problem?.trace_id ?? null,
    refusal: kind === 'forbidden' ? (problem && problem.upstream_not_json !== true ? 'missing-right' : 'block') : null,
  });
}

/** Types what a transport threw: AbortError, TimeoutError, TypeError (network) or anything else. */
export function apiErrorFromThrown(e: unknown): ApiError {
  if (isApiError(e)) return e;
  // DOMException is not an Error subclass in every runtime: read the name structurally.
  const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : '';
  if (name === 'AbortError') return new ApiError({ kind: 'aborted', detail: 'the request was cancelled', cause: e });
  if (name === 'TimeoutError') return new ApiError({ kind: 'timeout', detail: 'the request timed out', cause: e });
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError({ kind: 'network', detail: message || 'network failure', cause: e });
}

export function abortedError(signal: AbortSignal): ApiError {
  return new ApiError({ kind: 'aborted', detail: 'the request was cancelled', cause: signal.reason });
}

function receivedType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input === 'number' && Number.isNaN(input) ? 'NaN' : typeof input;
}

const SIZE_UNITS: Record<string, string> = { string: 'characters', array: 'items' };

function bound(origin: string, comparison: string, limit: number | bigint): string {
  const unit = SIZE_UNITS[origin];
  return unit ? `have ${comparison}${limit.toString()} ${unit}` : `be ${comparison}${limit.toString()}`;
}

/**
 * The English text of a schema issue, as classic zod's locale words it, given to each parse of a
 * response: zod/mini loads no locale ("Invalid input" for everything), and its English table would
 * put 2 KB back into the first bundle for the few shapes a Kommo response can break.
 */
export function schemaIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected}, received ${receivedType(issue.input)}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `Invalid string: must match pattern ${issue.pattern}` : `Invalid ${issue.format}`;
    case 'too_small':
      return `Too small: expected ${issue.origin} to ${bound(issue.origin, issue.inclusive ? '>=' : '>', issue.minimum)}`;
    case 'too_big':
      return `Too big: expected ${issue.origin} to ${bound(issue.origin, issue.inclusive ? '<=' : '<', issue.maximum)}`;
    default:
      return 'Invalid input';
  }
}

/** Names the first failing path the way a reader finds it in the JSON: `_embedded.leads.3.price`. */
export function apiErrorFromZod(error: z.core.$ZodError, status: number): ApiError {
  const issue = error.issues[0];
  const field = issue ? issue.path.map((p) => String(p)).join('.') : null;
  return new ApiError({
    kind: 'schema',
    status,
    detail: issue ? `${field || '(root)'}: ${issue.message}` : 'the response does not match the expected shape',
    field: field || null,
    cause: error,
  });
}
