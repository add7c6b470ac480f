import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ApiError, apiErrorFromResponse, apiErrorFromThrown, isApiError, parseRetryAfter, schemaIssueMessage } from './api-error';
import { htmlResponse, noContent, problemResponse } from './fake-transport.testing';

const NOW = Date.parse('2025-01-01T12:00:00Z');

describe('apiErrorFromResponse', () => {
  it('types a 400 problem+json with validation-errors and names the first path', () => {
    const e = apiErrorFromResponse(
      problemResponse(400, {
        title: 'Bad Request',
        detail: 'Request validation failed',
        'validation-errors': [
          {
            request_id: '0',
            errors: [
              { code: 'NotSupportedChoice', path: 'filter[statuses]', detail: 'only one pair' },
              { code: 'X', path: 'limit', detail: 'x' },
            ],
          },
        ],
      }),
      NOW,
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.kind).toBe('validation');
    expect(e.status).toBe(400);
    expect(e.field).toBe('filter[statuses]');
    expect(e.detail).toBe('only one pair');
  });

  it('types statuses: 401, 402, 403, 404, 422, 500 with trace_id', () => {
    expect(apiErrorFromResponse(problemResponse(401, { title: 'Unauthorized' }), NOW).kind).toBe('unauthorized');
    expect(apiErrorFromResponse(problemResponse(402, { title: 'Payment Required' }), NOW).kind).toBe('payment-required');
    expect(apiErrorFromResponse(problemResponse(403, { title: 'Forbidden' }), NOW).kind).toBe('forbidden');
    expect(apiErrorFromResponse(problemResponse(404, { title: 'Not Found' }), NOW).kind).toBe('not-found');
    expect(apiErrorFromResponse(problemResponse(422, { title: 'Too many' }), NOW).kind).toBe('validation');
    const server = apiErrorFromResponse(problemResponse(500, { title: 'Internal', trace_id: 'abc123' }), NOW);
    expect(server.kind).toBe('server');
    expect(server.traceId).toBe('abc123');
  });

  it.each([
    [403, 'forbidden'],
    [429, 'rate-limited'],
    [502, 'server'],
    [504, 'timeout'],
  ] as const)('types an nginx HTML %i body by status and keeps HTML out of the detail', (status, kind) => {
    const e = apiErrorFromResponse(htmlResponse(status), NOW);
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.detail).not.toContain('<');
    expect(e.field).toBeNull();
  });

  it('types empty bodies and JSON that is not a problem', () => {
    expect(apiErrorFromResponse({ status: 503, headers: {}, body: '' }, NOW).kind).toBe('server');
    expect(apiErrorFromResponse({ status: 400, headers: {}, body: '{"status":"oops"' }, NOW).kind).toBe('validation');
    expect(apiErrorFromResponse({ status: 401, headers: {}, body: '[1,2]' }, NOW).kind).toBe('unauthorized');
    expect(apiErrorFromResponse({ ...noContent, status: 500 }, NOW).detail).toContain('500');
  });

  it('reads Retry-After from the header (seconds or HTTP date), else from the body', () => {
    expect(apiErrorFromResponse(htmlResponse(429, { 'retry-after': '3' }), NOW).retryAfterMs).toBe(3000);
    const date = new Date(NOW + 5000).toUTCString();
    expect(apiErrorFromResponse(htmlResponse(429, { 'retry-after': date }), NOW).retryAfterMs).toBe(5000);
    expect(apiErrorFromResponse(problemResponse(429, { retry_after: 2 }), NOW).retryAfterMs).toBe(2000);
    expect(apiErrorFromResponse(problemResponse(429, { retry_after: 2 }, { 'retry-after': '4' }), NOW).retryAfterMs).toBe(4000);
    expect(apiErrorFromResponse(htmlResponse(429), NOW).retryAfterMs).toBeNull();
    // Retry-After only means something for a 429 here.
    expect(apiErrorFromResponse(htmlResponse(503, { 'retry-after': '3' }), NOW).retryAfterMs).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('accepts seconds, decimals and dates, refuses garbage, never goes negative', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter(' 10 ', NOW)).toBe(10_000);
    expect(parseRetryAfter(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:07 GMT', NOW)).toBe(7000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-3', NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
    expect(parseRetryAfter(-1, NOW)).toBeNull();
  });
});

describe('apiErrorFromThrown', () => {
  it('maps AbortError, TimeoutError, TypeError and keeps ApiErrors', () => {
    expect(apiErrorFromThrown(new DOMException('x', 'AbortError')).kind).toBe('aborted');
    expect(apiErrorFromThrown(new DOMException('x', 'TimeoutError')).kind).toBe('timeout');
    expect(apiErrorFromThrown(new TypeError('Failed to fetch')).kind).toBe('network');
    const original = new ApiError({ kind: 'server', status: 500, detail: 'x' });
    expect(apiErrorFromThrown(original)).toBe(original);
    expect(isApiError(original)).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
  });
});

describe('api error sentences', () => {
  it('have a sentence for every kind in every language, and one for anything else', async () => {
    const { apiErrorMessages } = await import('./api-error-messages');
    const kinds = [
      'unauthorized',
      'payment-required',
      'forbidden',
      'not-found',
      'validation',
      'rate-limited',
      'server',
      'network',
      'timeout',
      'schema',
      'aborted',
    ] as const;
    for (const language of ['en', 'es', 'pt'] as const) {
      for (const kind of [...kinds, 'unknown' as const]) expect(apiErrorMessages[language][kind].length).toBeGreaterThan(10);
    }
    expect(apiErrorMessages.es.forbidden).not.toBe(apiErrorMessages.en.forbidden);
  });
});

describe('schema issue wording', () => {
  // The words classic zod's English locale gives these issues; zod/mini alone would say "Invalid input".
  const messageOf = (schema: z.ZodMiniType, value: unknown) => z.safeParse(schema, value, { error: schemaIssueMessage }).error?.issues[0]?.message;

  it.each([
    [z.number(), 'x', 'Invalid input: expected number, received string'],
    [z.array(z.number()), undefined, 'Invalid input: expected array, received undefined'],
    [z.looseObject({}), [], 'Invalid input: expected object, received array'],
    [z.number(), Number.NaN, 'Invalid input: expected number, received NaN'],
    [z.string().check(z.regex(/^\d+$/)), 'x', 'Invalid string: must match pattern /^\\d+$/'],
    [z.number().check(z.gte(100)), 99, 'Too small: expected number to be >=100'],
    [z.string().check(z.maxLength(2)), 'abc', 'Too big: expected string to have <=2 characters'],
    [z.array(z.number()).check(z.minLength(1)), [], 'Too small: expected array to have >=1 items'],
    [z.union([z.number(), z.boolean()]), 'x', 'Invalid input'],
  ] as const)('words %#', (schema, value, message) => {
    expect(messageOf(schema, value)).toBe(message);
  });
});
