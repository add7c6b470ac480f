import { describe, expect, it, vi } from 'vitest';
import { resolveAppMode } from './app-mode';

type FakeWindowOptions = { search?: string; ancestor?: string; framed?: boolean };

/** Just enough of a framed window for resolveAppMode: location, document.referrer, parent, listeners. */
function fakeWindow({ search = '?embedded=1', ancestor = 'https://acme.kommo.com', framed = true }: FakeWindowOptions) {
  const listeners = new Set<(e: MessageEvent) => void>();
  const parent = { postMessage: vi.fn() };
  const win = {
    location: { search, hash: '', ancestorOrigins: [ancestor] },
    document: { referrer: '' },
    addEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.delete(l),
  } as unknown as Window & { parent: unknown };
  (win as { parent: unknown }).parent = framed ? parent : win;
  const deliver = (data: unknown, origin: string) => {
    for (const l of [...listeners]) l({ data, origin, source: parent } as unknown as MessageEvent);
  };
  return { win, parent, deliver };
}

const config = (parentOrigins: string[]) =>
  (async () => new Response(JSON.stringify({ parentOrigins, publicUrl: 'https://leads.example.com/' }))) as unknown as typeof fetch;

const context = {
  type: 'klb:context',
  version: 1,
  account: { id: 1, subdomain: 'acme', currency: 'USD', timezone: 'UTC' },
  user: { id: 2, name: 'Ana' },
  lang: 'pt',
};

describe('resolveAppMode', () => {
  it('is standalone without ?embedded=1 or outside a frame, asking nothing', async () => {
    const fetchFn = vi.fn();
    expect(await resolveAppMode(fakeWindow({ search: '' }).win, { fetchFn })).toEqual({ kind: 'standalone' });
    expect(await resolveAppMode(fakeWindow({ framed: false }).win, { fetchFn })).toEqual({ kind: 'standalone' });
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('sends nothing to a parent outside the allowlist', async () => {
    const { win, parent } = fakeWindow({ ancestor: 'https://acme.kommo.com.evil.example' });
    const mode = await resolveAppMode(win, { fetchFn: config(['https://*.kommo.com']) });
    expect(mode).toEqual({ kind: 'embedded-error', reason: 'parent-not-allowed', parentOrigin: 'https://acme.kommo.com.evil.example' });
    expect(parent.postMessage).not.toHaveBeenCalled();
  });

  it('reports an unreachable config, and a parent that never answers', async () => {
    const failing = (async () => new Response('nope', { status: 500 })) as unknown as typeof fetch;
    expect(await resolveAppMode(fakeWindow({}).win, { fetchFn: failing })).toMatchObject({ kind: 'embedded-error', reason: 'config-unavailable' });
    const silent = fakeWindow({});
    expect(await resolveAppMode(silent.win, { fetchFn: config(['https://*.kommo.com']), handshakeTimeoutMs: 50 })).toMatchObject({
      kind: 'embedded-error',
      reason: 'no-answer',
    });
  });

  it('connects to an allowlisted parent and hands back the bridge transport and the context', async () => {
    const { win, parent, deliver } = fakeWindow({});
    const resolving = resolveAppMode(win, { fetchFn: config(['https://*.kommo.com']) });
    await vi.waitFor(() => expect(parent.postMessage).toHaveBeenCalledWith({ type: 'klb:hello', version: 1 }, 'https://acme.kommo.com'));
    deliver(context, 'https://acme.kommo.com');
    const mode = await resolving;
    if (mode.kind !== 'embedded') throw new Error(`expected embedded, got ${mode.kind}`);
    expect(mode.transport.kind).toBe('bridge');
    expect(mode.publicUrl).toBe('https://leads.example.com/');
    expect(mode.session.getContext()).toMatchObject({ lang: 'pt', user: { name: 'Ana' } });
  });
});
