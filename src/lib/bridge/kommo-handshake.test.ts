// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToKommo, HandshakeTimeoutError } from './kommo-handshake';

const PARENT = 'https://acme.kommo.com';
const context = (name: string) => ({
  type: 'klb:context',
  version: 1,
  account: { id: 1, subdomain: 'acme', currency: 'USD', timezone: 'UTC' },
  user: { id: 7, name },
  lang: 'es',
});

function setup() {
  const parent = { postMessage: vi.fn() };
  const deliver = (data: unknown, init: { origin?: string; source?: unknown } = {}) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin: init.origin ?? PARENT, source: (init.source ?? parent) as Window }));
  return { parent, deliver };
}

describe('connectToKommo', () => {
  afterEach(() => vi.useRealTimers());

  it('says hello to the exact parent origin and resolves on its context', async () => {
    const { parent, deliver } = setup();
    const connecting = connectToKommo({ parentOrigin: PARENT, parentWindow: parent as unknown as Window, timeoutMs: 1000 });
    expect(parent.postMessage).toHaveBeenCalledWith({ type: 'klb:hello', version: 1 }, PARENT);
    deliver(context('Ana'));
    const session = await connecting;
    expect(session.getContext()).toEqual({
      account: { id: 1, subdomain: 'acme', currency: 'USD', timezone: 'UTC' },
      user: { id: 7, name: 'Ana' },
      lang: 'es',
    });
    session.close();
  });

  it('ignores contexts from foreign origins, other windows and malformed ones, then times out', async () => {
    vi.useFakeTimers();
    const { parent, deliver } = setup();
    const connecting = connectToKommo({ parentOrigin: PARENT, parentWindow: parent as unknown as Window, timeoutMs: 2000, helloIntervalMs: 500 });
    const outcome = connecting.catch((e: unknown) => e);
    deliver(context('Mallory'), { origin: 'https://evil.example' });
    deliver(context('Mallory'), { source: { postMessage() {} } });
    deliver({ ...context('Mallory'), user: null });
    vi.advanceTimersByTime(2000);
    expect(await outcome).toBeInstanceOf(HandshakeTimeoutError);
    // The hello was repeated while waiting.
    expect(parent.postMessage.mock.calls.length).toBeGreaterThanOrEqual(4);
  });

  it('takes later context updates from the parent only', async () => {
    const { parent, deliver } = setup();
    const connecting = connectToKommo({ parentOrigin: PARENT, parentWindow: parent as unknown as Window, timeoutMs: 1000 });
    deliver(context('Ana'));
    const session = await connecting;
    const listener = vi.fn();
    session.subscribe(listener);
    deliver(context('Mallory'), { origin: 'https://evil.example' });
    deliver(context('Mallory'), { source: window });
    expect(session.getContext().user.name).toBe('Ana');
    deliver(context('Bruno'));
    expect(session.getContext().user.name).toBe('Bruno');
    expect(listener).toHaveBeenCalledTimes(1);
    session.close();
  });

  it('asks the widget to close its modal with exactly {type:"klb:close"}, to the parent origin only', async () => {
    const { parent, deliver } = setup();
    const connecting = connectToKommo({ parentOrigin: PARENT, parentWindow: parent as unknown as Window, timeoutMs: 1000 });
    deliver(context('Ana'));
    const session = await connecting;
    parent.postMessage.mockClear();
    session.requestClose();
    expect(parent.postMessage.mock.calls).toEqual([[{ type: 'klb:close' }, PARENT]]);
    session.close();
  });
});
