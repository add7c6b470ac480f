// The read-only API surface the product uses: the proxy, the widget bridge and the demo account
// all accept exactly these paths (anchored), GET only. widget/script.js holds a copy (tested identical).
export const ALLOWED_API_PATHS: readonly RegExp[] = [
  /^\/api\/v4\/account$/,
  /^\/api\/v4\/leads$/,
  /^\/api\/v4\/leads\/pipelines$/,
  /^\/api\/v4\/leads\/custom_fields$/,
  /^\/api\/v4\/leads\/loss_reasons$/,
  /^\/api\/v4\/leads\/tags$/,
  /^\/api\/v4\/users$/,
  /^\/api\/v4\/contacts$/,
  /^\/api\/v4\/companies$/,
  /^\/api\/v4\/catalogs$/,
  /^\/api\/v4\/catalogs\/\d{1,12}\/elements$/,
  /^\/api\/v4\/sources$/,
  // The local copy (issue 16) reads lead_deleted events to drop deleted leads.
  /^\/api\/v4\/events$/,
];

/** True when a decoded path (no query) is on the allowlist. Refuses traversal and odd characters first. */
export function isAllowedApiPath(path: string): boolean {
  if (path.includes('..') || path.includes('//') || path.includes('\\') || path.includes('%') || hasControlCharacter(path)) return false;
  return ALLOWED_API_PATHS.some((re) => re.test(path));
}

/**
 * The header the app's own fetch layer sends on every `/api/*` call. A page on another origin cannot
 * add a custom header without a CORS preflight, which the proxy never approves, so its presence
 * (with Sec-Fetch-Site) tells the app's requests from a borrowed iframe, <img> or no-cors fetch.
 * Non-browser clients (curl) send it by hand: `-H 'X-Kommo-Leads-Browser: 1'`.
 */
export const APP_REQUEST_HEADER = 'X-Kommo-Leads-Browser';
export const APP_REQUEST_HEADER_VALUE = '1';

/** The app names its walks (load all, read-ahead, the local copy) so the proxy serves every visible list first. */
export const PRIORITY_HEADER = 'X-Kommo-Priority';

/** Kommo's documented rate limit per integration: 7 requests a second. */
export const KOMMO_RATE_LIMIT_PER_SECOND = 7;

/**
 * The window our limiters count in, browser and proxy alike. Kommo counts requests as they ARRIVE in
 * any second: granting the 7th call exactly one second after the 1st let jitter land 8 in Kommo's
 * window, so 50 ms of slack absorbs it (about 5% of throughput). Browser and proxy must use the same
 * window, or a browser that grants faster than the proxy serves grows the proxy's queue on a long walk.
 */
export const RATE_WINDOW_MS = 1050;

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20 || s.charCodeAt(i) === 0x7f) return true;
  return false;
}
