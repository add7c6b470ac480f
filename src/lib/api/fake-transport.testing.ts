// Test support only (imported by *.test.ts, never by app code): a scripted Transport that records
// every request and honours abort like fetch does.
import type { Transport, TransportRequest, TransportResponse } from './transport';

export type FakeHandler = (request: TransportRequest, index: number) => TransportResponse | Promise<TransportResponse>;

export type FakeTransport = Transport & { readonly requests: TransportRequest[] };

export function createFakeTransport(handler: FakeHandler): FakeTransport {
  const requests: TransportRequest[] = [];
  return {
    kind: 'proxy',
    requests,
    get(request) {
      const index = requests.push(request) - 1;
      const { signal } = request;
      if (signal.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
      return new Promise<TransportResponse>((resolve, reject) => {
        const onAbort = () => reject(new DOMException('aborted', 'AbortError'));
        signal.addEventListener('abort', onAbort, { once: true });
        Promise.resolve()
          .then(() => handler(request, index))
          .then(resolve, reject)
          .finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
  };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers: { 'content-type': 'application/hal+json', ...headers }, body: JSON.stringify(body) };
}

export function problemResponse(status: number, problem: Record<string, unknown>, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers: { 'content-type': 'application/problem+json', ...headers }, body: JSON.stringify({ status, ...problem }) };
}

export function htmlResponse(status: number, headers: Record<string, string> = {}): TransportResponse {
  return {
    status,
    headers: { 'content-type': 'text/html', ...headers },
    body: `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`,
  };
}

export const noContent: TransportResponse = { status: 204, headers: {}, body: '' };

/** A promise that never settles by itself: only an abort ends the request. */
export const hang = (): Promise<TransportResponse> => new Promise<TransportResponse>(() => {});

/** A clock whose sleeps return at once and move time forward, recording every wait. */
export function createFakeClock(start = 1_700_000_000_000) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    sleep: (ms: number, signal: AbortSignal) => {
      if (signal.aborted) return Promise.reject(signal.reason);
      sleeps.push(ms);
      time += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}
