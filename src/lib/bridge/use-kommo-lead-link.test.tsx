// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Transport } from '@/lib/api/transport';
import type { AppMode } from './app-mode';
import { AppModeProvider } from './app-mode-context';
import type { KommoSession } from './kommo-handshake';
import { serverQueries } from './server-queries';
import { useKommoLeadLink } from './use-kommo-lead-link';

function wrapper(mode: AppMode, queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <AppModeProvider mode={mode}>{children}</AppModeProvider>
    </QueryClientProvider>
  );
}

function serveConfig(body: unknown, status = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('useKommoLeadLink', () => {
  it('standalone on a real account: the card on the origin the server names', async () => {
    serveConfig({ parentOrigins: [], publicUrl: null, kommoBaseUrl: 'https://acme.kommo.com' });
    const { result } = renderHook(() => useKommoLeadLink(), { wrapper: wrapper({ kind: 'standalone' }) });
    await waitFor(() => expect(result.current.kind).toBe('link'));
    const link = result.current;
    expect(link.kind === 'link' && link.href(42)).toBe('https://acme.kommo.com/leads/detail/42');
    expect(link.kind === 'link' && link.open).toBeNull();
  });

  it('standalone on the demo account: no link; unreadable settings: no link and no demo claim', async () => {
    serveConfig({ parentOrigins: [], publicUrl: null, kommoBaseUrl: null });
    const demo = renderHook(() => useKommoLeadLink(), { wrapper: wrapper({ kind: 'standalone' }) });
    await waitFor(() => expect(demo.result.current.kind).toBe('demo'));
    serveConfig({}, 500);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const broken = renderHook(() => useKommoLeadLink(), { wrapper: wrapper({ kind: 'standalone' }, queryClient) });
    await waitFor(() => expect(queryClient.getQueryState(serverQueries.appConfig().queryKey)?.status).toBe('error'));
    expect(broken.result.current.kind).toBe('pending');
  });

  it('inside Kommo: the parent page’s own card, opened by asking the parent', () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const session = { parentOrigin: 'https://acme.kommo.com' } as KommoSession;
    const mode: AppMode = { kind: 'embedded', session, transport: {} as Transport, publicUrl: null };
    const post = vi.spyOn(window.parent, 'postMessage').mockImplementation(() => undefined);
    const { result } = renderHook(() => useKommoLeadLink(), { wrapper: wrapper(mode) });
    const link = result.current;
    expect(link.kind === 'link' && link.href(7)).toBe('https://acme.kommo.com/leads/detail/7');
    if (link.kind === 'link') link.open?.(7);
    expect(post).toHaveBeenCalledWith({ type: 'klb:open-lead', leadId: 7 }, 'https://acme.kommo.com');
    // Embedded never asks our own server for the Kommo address.
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
