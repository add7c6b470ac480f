// Which requests may use the proxy at all. The browser attaches the proxy's answers to whatever page
// made the request, so without this any web page the user visits could borrow the token: a hidden
// iframe or `fetch(url, {mode: 'no-cors'})` learns from status and timing whether a filter matched
// (a lead's price in 22 requests). Browsers say where a request comes from (Sec-Fetch-Site) and what
// it is for (Sec-Fetch-Dest); the app's own fetch layer adds a custom header, which another origin
// can only send after a CORS preflight that this server never approves. Old browsers that send no
// Sec-Fetch-* still cannot add the header cross-origin; curl adds it by hand.
import type { MiddlewareHandler } from 'hono';
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE } from '@/kommo/api-paths.ts';
import { problemResponse } from './problem-response.ts';

/** The reason a request may not use the API, or null when it comes from the app (or a deliberate non-browser client). */
export function refuseForeignRequest(header: (name: string) => string | undefined): string | null {
  const site = header('sec-fetch-site')?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site') return `The API answers only the app's own pages, not a ${site} request.`;
  const dest = header('sec-fetch-dest')?.toLowerCase();
  if (dest !== undefined && dest !== 'empty') return `The API answers only fetch() calls of the app, not a request for a ${dest.slice(0, 20)}.`;
  if (header(APP_REQUEST_HEADER) !== APP_REQUEST_HEADER_VALUE) {
    return `The API answers only requests that carry the header "${APP_REQUEST_HEADER}: ${APP_REQUEST_HEADER_VALUE}" (the app sends it; add it to curl with -H).`;
  }
  return null;
}

/** Refuses foreign requests with 403 before anything else runs: no upstream call, no rate budget spent. */
export function apiRequestGuard(): MiddlewareHandler {
  return async (c, next) => {
    const reason = refuseForeignRequest((name) => c.req.header(name));
    if (reason !== null) {
      // Vary: a cache between browser and server must not hand one request's answer to another.
      return problemResponse({
        status: 403,
        title: 'Forbidden',
        detail: reason,
        headers: { vary: `Sec-Fetch-Site, Sec-Fetch-Dest, ${APP_REQUEST_HEADER}` },
      });
    }
    await next();
  };
}
