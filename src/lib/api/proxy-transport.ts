// The standalone app's transport: same-origin GETs to our proxy, which holds the token.
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE, PRIORITY_HEADER } from '@/kommo/api-paths';
import { anySignal } from './any-signal';
import type { Transport, TransportResponse } from './transport';

// `date`: Kommo's clock (passed through by our proxy), the local copy's cursors read it.
const KEPT_HEADERS = ['content-type', 'retry-after', 'date'] as const;

/**
 * A request that never answers must not hang the UI: each attempt gives up after this long (below
 * the proxy's own upstream timeout) and rejects with a TimeoutError, which the client may retry.
 */
export const PROXY_ATTEMPT_TIMEOUT_MS = 20_000;

/** `baseUrl` is '' (same origin) in the app; tests and the bench may point it elsewhere. */
export function createProxyTransport(baseUrl = '', timeoutMs = PROXY_ATTEMPT_TIMEOUT_MS): Transport {
  return {
    kind: 'proxy',
    async get({ path, query, signal, walk = false }): Promise<TransportResponse> {
      const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;
      const linked = anySignal([signal, AbortSignal.timeout(timeoutMs)]);
      try {
        return await request(url, linked.signal, walk);
      } finally {
        linked.release();
      }
    },
  };
}

async function request(url: string, signal: AbortSignal, walk: boolean): Promise<TransportResponse> {
  const response = await fetch(url, {
    signal,
    // The proxy answers only requests carrying the app's header (src/server/api-request-guard.ts).
    headers: {
      Accept: 'application/hal+json, application/json',
      [APP_REQUEST_HEADER]: APP_REQUEST_HEADER_VALUE,
      ...(walk ? { [PRIORITY_HEADER]: 'walk' } : {}),
    },
    // A redirect would mean the proxy is misconfigured; never follow one off our origin.
    redirect: 'error',
    credentials: 'same-origin',
  });
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  // Never parse here: a 204 has no body and error bodies may be HTML.
  const body = response.status === 204 ? '' : await response.text();
  return { status: response.status, headers, body };
}
