// Response builders in Kommo's formats: hal+json on success, problem+json on errors, 204 with no
// body for empty results, nginx HTML for the errors nginx answers itself.
import type { QueryIssue, QueryIssueReason } from '@/kommo/leads-query';

export const HAL_JSON = 'application/hal+json';
export const PROBLEM_JSON = 'application/problem+json';

export function halResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': HAL_JSON } });
}

/** Kommo's answer for an empty list or a page past the end: no body at all, never JSON. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function problemResponse(status: number, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  const body = { title: TITLES[status] ?? 'Error', type: `https://httpstatus.es/${status}`, status, detail, ...extra };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': PROBLEM_JSON, ...headers } });
}

const CODES: Record<QueryIssueReason, string> = {
  'unknown-parameter': 'NotSupportedParameter',
  'not-an-integer': 'InvalidType',
  'out-of-range': 'OutOfRange',
  'invalid-direction': 'NotSupportedChoice',
  'invalid-with': 'NotSupportedChoice',
  'limit-too-large': 'LessThanOrEqual',
  'too-many-values': 'TooManyValues',
  'incomplete-stage': 'NotBlank',
  'several-orders': 'NotSupportedChoice',
  'inverted-range': 'InvalidRange',
  'too-long': 'TooLong',
  empty: 'NotBlank',
};

/** `filter[statuses][0][pipeline_id]` -> `filter.statuses.0.pipeline_id`, the dotted paths Kommo reports. */
export function issuePath(param: string): string {
  return param.replace(/\]\[/g, '.').replace(/\[/g, '.').replace(/\]$/, '').replace(/\.$/, '');
}

export function validationResponse(
  issues: readonly QueryIssue[],
  requestId: string,
  extraErrors: { code: string; path: string; detail: string }[] = [],
): Response {
  const errors = [...issues.map((i) => ({ code: CODES[i.reason], path: issuePath(i.param), detail: i.detail })), ...extraErrors];
  return problemResponse(400, 'Request validation failed', { 'validation-errors': [{ request_id: requestId, errors }] });
}

/** The bodies nginx in front of Kommo sends for 403/429/5xx: HTML, not JSON. */
export function nginxHtmlResponse(status: number, headers: Record<string, string> = {}): Response {
  const title = `${status} ${TITLES[status] ?? 'Error'}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(body, { status, headers: { 'Content-Type': 'text/html', ...headers } });
}

/** Brackets stay literal in hrefs, as in Kommo's own links. */
function encodeParam(key: string, value: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%2C/g, ',');
  return `${enc(key)}=${enc(value)}`;
}

/** HAL paging links: the request's own parameters, in order, with `page` (and `limit`) set. */
export function pageLinks(path: string, params: URLSearchParams, page: number, limit: number, hasNext: boolean): Record<string, { href: string }> {
  const base: [string, string][] = [...params].filter(([k]) => k !== 'page' && k !== 'limit');
  const href = (p: number) =>
    `${path}?${[...base, ['page', String(p)], ['limit', String(limit)]].map(([k, v]) => encodeParam(k as string, v as string)).join('&')}`;
  const links: Record<string, { href: string }> = { self: { href: href(page) } };
  if (hasNext) links.next = { href: href(page + 1) };
  links.first = { href: href(1) };
  if (page > 1) links.prev = { href: href(page - 1) };
  return links;
}
