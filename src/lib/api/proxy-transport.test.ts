import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProxyTransport } from './proxy-transport';

describe('createProxyTransport', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('GETs same-origin, refuses redirects, keeps only the headers that matter', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response('{"a":1}', { status: 429, headers: { 'Retry-After': '3', 'Content-Type': 'application/problem+json', 'X-Other': 'x' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const signal = new AbortController().signal;
    const response = await createProxyTransport('http://127.0.0.1:1').get({ path: '/api/v4/leads', query: 'page=2', signal });
    expect(response).toEqual({ status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '3' }, body: '{"a":1}' });
    expect(fetchMock).toHaveBeenCalledWith('http://127.0.0.1:1/api/v4/leads?page=2', {
      signal: expect.any(AbortSignal),
      // The app's header: without it the proxy refuses the call (src/server/api-request-guard.ts).
      headers: { Accept: 'application/hal+json, application/json', 'X-Kommo-Leads-Browser': '1' },
      redirect: 'error',
      credentials: 'same-origin',
    });
    expect(createProxyTransport().kind).toBe('proxy');
  });

  it('hands a 204 back with an empty body and no query mark for an empty query', async () => {
    const fetchMock = vi.fn(async (_url: string) => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    const response = await createProxyTransport().get({ path: '/api/v4/sources', query: '', signal: new AbortController().signal });
    expect(response).toEqual({ status: 204, headers: {}, body: '' });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v4/sources');
  });

  it('lets AbortError and TypeError through for the client to type', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(createProxyTransport().get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal })).rejects.toBeInstanceOf(
      TypeError,
    );
  });

  it('gives up on a request that never answers with a TimeoutError, and still passes aborts through', async () => {
    const hanging = vi.fn(
      (_url: string, init: RequestInit) =>
        new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    );
    vi.stubGlobal('fetch', hanging);
    await expect(createProxyTransport('', 30).get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    const controller = new AbortController();
    const pending = createProxyTransport('', 60_000).get({ path: '/api/v4/leads', query: '', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
