import type { MiddlewareHandler } from 'hono';

/** The Content-Security-Policy of the app's HTML: own scripts only, framable by Kommo's origins only. */
export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine injects <style> elements at runtime.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-ancestors ${[...frameAncestors, "'self'"].join(' ')}`,
    "base-uri 'self'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * nosniff and no-referrer on every response; the CSP on every HTML response. Deliberately no
 * X-Frame-Options: it cannot list several origins and would stop the Kommo widget from framing the app.
 */
export function securityHeaders(frameAncestors: readonly string[]): MiddlewareHandler {
  const csp = contentSecurityPolicy(frameAncestors);
  return async (c, next) => {
    await next();
    // Responses that come straight from fetch() have immutable headers: re-wrap before editing.
    try {
      c.res.headers.set('x-content-type-options', 'nosniff');
    } catch {
      c.res = new Response(c.res.body, c.res);
    }
    const headers = c.res.headers;
    headers.set('x-content-type-options', 'nosniff');
    headers.set('referrer-policy', 'no-referrer');
    headers.delete('x-frame-options');
    if (/text\/html/i.test(headers.get('content-type') ?? '')) headers.set('content-security-policy', csp);
  };
}
