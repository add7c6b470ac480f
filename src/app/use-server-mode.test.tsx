// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useKommoLeadLink } from '@/lib/bridge/use-kommo-lead-link';
import { AppModeProvider } from '@/lib/bridge/app-mode-context';
import { useServerMode } from './use-server-mode';

function serve(body: unknown, status = 200) {
  const fetchMock = vi.fn(
    async (_input: RequestInfo | URL) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function wrapper() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <AppModeProvider mode={{ kind: 'standalone' }}>{children}</AppModeProvider>
    </QueryClientProvider>
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('useServerMode', () => {
  it('reads demo or real from /app-config.json, the same one request the lead links use; /healthz is not asked', async () => {
    const fetchMock = serve({ mode: 'real', parentOrigins: [], publicUrl: null, kommoBaseUrl: 'https://acme.kommo.com' });
    const { result } = renderHook(() => ({ server: useServerMode(true), link: useKommoLeadLink() }), { wrapper: wrapper() });
    expect(result.current.server.isPending).toBe(true);
    await waitFor(() => expect(result.current.server.mode).toBe('real'));
    expect(result.current.link.kind).toBe('link');
    expect(fetchMock.mock.calls.map(([input]) => String(input))).toEqual(['/app-config.json']);
  });

  it('the demo account says demo', async () => {
    serve({ mode: 'demo', parentOrigins: [], publicUrl: null, kommoBaseUrl: null });
    const { result } = renderHook(() => useServerMode(true), { wrapper: wrapper() });
    await waitFor(() => expect(result.current).toEqual({ mode: 'demo', isPending: false }));
  });

  it('an older server that does not say, or settings that fail, leave the mode unknown (null), never a guess', async () => {
    serve({ parentOrigins: [], publicUrl: null });
    const older = renderHook(() => useServerMode(true), { wrapper: wrapper() });
    await waitFor(() => expect(older.result.current).toEqual({ mode: null, isPending: false }));
    serve({}, 500);
    const failed = renderHook(() => useServerMode(true), { wrapper: wrapper() });
    await waitFor(() => expect(failed.result.current).toEqual({ mode: null, isPending: false }));
  });

  it('a mode the app does not know reads as unknown, and the rest of the settings still load', async () => {
    serve({ mode: 'staging', parentOrigins: [], publicUrl: null, kommoBaseUrl: 'https://acme.kommo.com' });
    const { result } = renderHook(() => ({ server: useServerMode(true), link: useKommoLeadLink() }), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.link.kind).toBe('link'));
    expect(result.current.server).toEqual({ mode: null, isPending: false });
  });

  it('inside Kommo (disabled) nothing is asked and nothing is pending', () => {
    const fetchMock = serve({ mode: 'demo', parentOrigins: [], publicUrl: null });
    const { result } = renderHook(() => useServerMode(false), { wrapper: wrapper() });
    expect(result.current).toEqual({ mode: null, isPending: false });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
