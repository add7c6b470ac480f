import type { MiddlewareHandler } from 'hono';

/** The Content-Security-Policy of the app's HTML: own scripts only, framable by the configured origins only. */
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
 * API answers and problems: nothing in them may run, load anything or be framed, even if a browser
 * were tricked into rendering one as a document.
 */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Other answers that are not the app's HTML (assets, /healthz, /app-config.json): inert, framable only where the app is. */
export function staticResourcePolicy(frameAncestors: readonly string[]): string {
  return `default-src 'none'; frame-ancestors ${[...frameAncestors, "'self'"].join(' ')}; sandbox`;
}

/**
 * The app's own worker script (the local copy's, issue 16): the policy delivered with a worker's
 * script governs the worker itself, and `sandbox` there gives it an opaque origin, so IndexedDB
 * refuses it ("the server could not be reached" in the local copy panel). It may load the app's own
 * scripts and nothing else: it makes no request and renders nothing.
 */
export function workerScriptPolicy(): string {
  return "default-src 'none'; script-src 'self'";
}

/**
 * Powerful features the dashboard never uses, off for it and anything it could frame. Only features
 * Chromium knows: an unknown name is logged as a console error on every page load. Clipboard is
 * left alone: "Copy link" writes to it.
 */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=()';

/** A year: what browsers need to keep the app on HTTPS across visits. No includeSubDomains: sibling hosts are not ours to pin. */
export const HSTS = 'max-age=31536000';

export type SecurityHeaderOptions = {
  frameAncestors: readonly string[];
  /** PUBLIC_URL is https: send Strict-Transport-Security. */
  hsts?: boolean;
};

/**
 * On every response: nosniff, no-referrer, CORP and COOP same-origin, the Permissions-Policy, HSTS
 * when the public address is https; the app's CSP on HTML, the locked-down one on everything else.
 * COOP only severs popups and openers of another origin (the app opens none it talks to); it does not
 * apply to iframes, so Kommo still frames the app and the postMessage bridge is untouched. Deliberately
 * no X-Frame-Options: it cannot list several origins and would stop the Kommo widget from framing the app.
 */
export function securityHeaders({ frameAncestors, hsts = false }: SecurityHeaderOptions): MiddlewareHandler {
  const csp = contentSecurityPolicy(frameAncestors);
  const staticCsp = staticResourcePolicy(frameAncestors);
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
    headers.set('cross-origin-resource-policy', 'same-origin');
    headers.set('cross-origin-opener-policy', 'same-origin');
    headers.set('permissions-policy', PERMISSIONS_POLICY);
    if (hsts) headers.set('strict-transport-security', HSTS);
    headers.delete('x-frame-options');
    const type = headers.get('content-type') ?? '';
    const isApi = c.req.path.startsWith('/api/') || /problem\+json/i.test(type);
    // Vite names a worker's bundle `<name>.worker-<hash>.js`; browsers also say Sec-Fetch-Dest: worker.
    const workerPath =
      /^\/assets\/[^/]+\.worker-[\w-]+\.js$/.test(c.req.path) || (c.req.header('sec-fetch-dest') === 'worker' && c.req.path.startsWith('/assets/'));
    const isWorkerScript = workerPath && /javascript/i.test(type);
    headers.set(
      'content-security-policy',
      isApi ? NON_DOCUMENT_CSP : /text\/html/i.test(type) ? csp : isWorkerScript ? workerScriptPolicy() : staticCsp,
    );
  };
}
