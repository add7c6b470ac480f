// A Transport for Node scripts (the benches): GETs to a running server's /api/v4 proxy, counting
// every request and every 429 so a bench can report what the real client code did on the wire.
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE } from '../src/kommo/api-paths';
import type { Transport, TransportResponse } from '../src/lib/api/transport';

export type TransportCounters = { requests: number; byStatus: Record<number, number>; rateLimited: number };

export type CountingTransport = Transport & { counters: TransportCounters; reset(): void };

export function createNodeProxyTransport(baseUrl: string): CountingTransport {
  const counters: TransportCounters = { requests: 0, byStatus: {}, rateLimited: 0 };
  return {
    kind: 'proxy',
    counters,
    reset() {
      counters.requests = 0;
      counters.byStatus = {};
      counters.rateLimited = 0;
    },
    async get({ path, query, signal }): Promise<TransportResponse> {
      counters.requests += 1;
      const response = await fetch(`${baseUrl}${path}${query ? `?${query}` : ''}`, {
        signal,
        headers: { Accept: 'application/hal+json, application/json', [APP_REQUEST_HEADER]: APP_REQUEST_HEADER_VALUE },
        redirect: 'error',
      });
      counters.byStatus[response.status] = (counters.byStatus[response.status] ?? 0) + 1;
      if (response.status === 429) counters.rateLimited += 1;
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'retry-after']) {
        const value = response.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      const body = response.status === 204 ? '' : await response.text();
      return { status: response.status, headers, body };
    },
  };
}
