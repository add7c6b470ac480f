// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test-utils/render';
import type { AppMode } from '@/lib/bridge/app-mode';
import { AppModeProvider } from '@/lib/bridge/app-mode-context';
import type { KommoContext } from '@/lib/bridge/bridge-protocol';
import type { KommoSession } from '@/lib/bridge/kommo-handshake';
import { ModeBadge, type ModeBadgeProps } from './mode-badge';

function fakeSession(initial: KommoContext) {
  let context = initial;
  const listeners = new Set<() => void>();
  const session: KommoSession = {
    parentOrigin: 'https://acme.kommo.com',
    getContext: () => context,
    getPageDirectory: () => null,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    requestClose: () => {},
    close: () => {},
  };
  const push = (next: KommoContext) => {
    context = next;
    for (const l of listeners) l();
  };
  return { session, push };
}

const CONTEXT: KommoContext = {
  account: { id: 1, subdomain: 'acme', currency: 'USD', timezone: 'UTC' },
  user: { id: 2, name: 'Ana Lima' },
  lang: 'en',
};

function renderBadge(mode: AppMode, props: ModeBadgeProps, language: string | null = 'en') {
  const wrap = (children: ReactNode) => <AppModeProvider mode={mode}>{children}</AppModeProvider>;
  return renderWithProviders(<ModeBadge {...props} />, { language, wrap });
}

const standalone: AppMode = { kind: 'standalone' };

describe('ModeBadge', () => {
  it('says "Demo account" for the demo account, and nothing more', () => {
    renderBadge(standalone, { upstream: 'demo', accountName: 'Demo Company' });
    expect(screen.getByTestId('app-mode').textContent).toBe('Demo account');
    expect(screen.getAllByTestId('app-mode')).toHaveLength(1);
  });

  it('names the account for a real Kommo account through this server', () => {
    renderBadge(standalone, { upstream: 'real', accountName: 'Acme Ltd' });
    expect(screen.getByTestId('app-mode').textContent).toBe('Kommo · Acme Ltd');
  });

  it('waits for the server to say which upstream it is', () => {
    renderBadge(standalone, { upstream: 'pending', accountName: null });
    expect(screen.queryByTestId('app-mode')).toBeNull();
  });

  it('shows Kommo account and user when embedded, and follows a new context', () => {
    const { session, push } = fakeSession(CONTEXT);
    const mode: AppMode = {
      kind: 'embedded',
      session,
      transport: { kind: 'bridge', get: () => Promise.reject(new Error('unused')) },
      publicUrl: null,
    };
    renderBadge(mode, { upstream: 'real', accountName: 'Acme Ltd' });
    const badge = screen.getByTestId('app-mode');
    expect(badge.textContent).toBe('In Kommo · acme · Ana Lima');
    expect(badge.getAttribute('data-mode')).toBe('embedded');
    act(() => push({ ...CONTEXT, user: { id: 3, name: 'Bruno' } }));
    expect(screen.getByTestId('app-mode').textContent).toBe('In Kommo · acme · Bruno');
  });

  it('speaks the current language', () => {
    renderBadge(standalone, { upstream: 'demo', accountName: null }, 'es');
    expect(screen.getByTestId('app-mode').textContent).toBe('Cuenta de demostración');
  });
});
