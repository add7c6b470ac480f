// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppMode } from '@/lib/bridge/app-mode';
import { AppModeProvider } from '@/lib/bridge/app-mode-context';
import type { Transport } from '@/lib/api/transport';
import { EscapeClosesWidget } from './escape-closes-widget';
import type { KommoSession } from '@/lib/bridge/kommo-handshake';

function embedded(requestClose: () => void): AppMode {
  const session: KommoSession = {
    parentOrigin: 'https://acme.kommo.com',
    getContext: () => ({ account: { id: 1, subdomain: 'acme', currency: null, timezone: null }, user: { id: 2, name: 'Ana' }, lang: 'en' }),
    getPageDirectory: () => null,
    subscribe: () => () => {},
    requestClose,
    close: () => {},
  };
  return { kind: 'embedded', session, transport: {} as Transport, publicUrl: null };
}

function press(key: string, init: KeyboardEventInit = {}) {
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('Escape inside the embedded dashboard', () => {
  it('asks the widget to close its modal', () => {
    const requestClose = vi.fn();
    render(
      <AppModeProvider mode={embedded(requestClose)}>
        <EscapeClosesWidget />
      </AppModeProvider>,
    );
    press('Enter');
    expect(requestClose).not.toHaveBeenCalled();
    press('Escape');
    expect(requestClose).toHaveBeenCalledTimes(1);
  });

  it('leaves Escape to an open overlay of the app (a menu, a popover, a dialog)', () => {
    const requestClose = vi.fn();
    render(
      <AppModeProvider mode={embedded(requestClose)}>
        <EscapeClosesWidget />
        <div role="menu">open menu</div>
      </AppModeProvider>,
    );
    press('Escape');
    expect(requestClose).not.toHaveBeenCalled();
  });

  it('does nothing standalone, and stops listening when unmounted', () => {
    const requestClose = vi.fn();
    const { unmount } = render(
      <AppModeProvider mode={embedded(requestClose)}>
        <EscapeClosesWidget />
      </AppModeProvider>,
    );
    unmount();
    press('Escape');
    render(<EscapeClosesWidget />);
    press('Escape');
    expect(requestClose).not.toHaveBeenCalled();
  });
});
