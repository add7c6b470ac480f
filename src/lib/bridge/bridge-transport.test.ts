// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestMessage } from './bridge-protocol';
import { createBridgeTransport } from './bridge-transport';

const PARENT = 'https://acme.kommo.com';

function setup(timeoutMs = 1000) {
  const sent: { message: unknown; origin: string }[] = [];
  const parent = { postMessage: vi.fn((message: unknown, origin: string) => sent.push({ message, origin })) };
  const other = { postMessage: vi.fn() };
  let n = 0;
  const transport = createBridgeTransport({
    parentOrigin: PARENT,
    targetWindow: parent as unknown as Window,
    timeoutMs,
    listenOn: window,
    createId: () => `req-0000-${++n}`,
  });
  const deliver = (data: unknown, init: { origin?: string; source?: unknown } = {}) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin: init.origin ?? PARENT, source: (init.source ?? parent) as Window }));
  const lastRequest = () => sent.filter((s) => (s.message as { type: string }).type === 'klb:request').at(-1)?.message as RequestMessage;
  return { transport, parent, other, sent, deliver, lastRequest };
}

const ok = (id: string) => ({
  type: 'klb:response',
  id,
  status: 200,
  headers: { 'content-type': 'application/hal+json' },
  body: '{"ok":true}',
});

/** Resolves to 'pending' when the promise has not settled after the queued events ran. */
async function state<T>(p: Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> {
  let s: 'pending' | 'resolved' | 'rejected' = 'pending';
  p.then(
    () => (s = 'resolved'),
    () => (s = 'rejected'),
  );
  await new Promise((r) => setTimeout(r, 0));
  return s;
}

describe('createBridgeTransport', () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => vi.useRealTimers());

  it('posts a request to the exact parent origin and resolves with the matching response', async () => {
    const { transport, sent, deliver, lastRequest } = setup();
    const result = transport.get({ path: '/api/v4/leads', query: 'limit=50', signal: new AbortController().signal });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.origin).toBe(PARENT);
    expect(lastRequest()).toEqual({ type: 'klb:request', id: 'req-0000-1', path: '/api/v4/leads', query: 'limit=50' });
    deliver(ok('req-0000-1'));
    await expect(result).resolves.toEqual({ status: 200, headers: { 'content-type': 'application/hal+json' }, body: '{"ok":true}' });
    expect(transport.kind).toBe('bridge');
  });

  it('ignores a response from a foreign origin', async () => {
    const { transport, deliver } = setup();
    const result = transport.get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal });
    deliver(ok('req-0000-1'), { origin: 'https://evil.example' });
    deliver(ok('req-0000-1'), { origin: 'https://acme.kommo.com.evil.example' });
    expect(await state(result)).toBe('pending');
    deliver(ok('req-0000-1'));
    await expect(result).resolves.toMatchObject({ status: 200 });
  });

  it('ignores a response from another window with the right origin', async () => {
    const { transport, other, deliver } = setup();
    const result = transport.get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal });
    deliver(ok('req-0000-1'), { source: other });
    deliver(ok('req-0000-1'), { source: window });
    expect(await state(result)).toBe('pending');
    deliver(ok('req-0000-1'));
    await expect(result).resolves.toMatchObject({ status: 200 });
  });

  it('drops malformed messages', async () => {
    const { transport, deliver } = setup();
    const result = transport.get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal });
    for (const bad of [
      null,
      'klb:response',
      { ...ok('req-0000-1'), status: '200' },
      { ...ok('req-0000-1'), body: { ok: true } },
      { ...ok('req-0000-1'), id: '../../x' },
      { type: 'klb:error', id: 'req-0000-1', reason: 'because' },
      { ...ok('req-0000-1'), type: 'klb:context' },
    ]) {
      deliver(bad);
    }
    expect(await state(result)).toBe('pending');
    deliver(ok('req-0000-1'));
    await expect(result).resolves.toMatchObject({ status: 200 });
  });

  it('drops unknown and replayed ids', async () => {
    const { transport, deliver } = setup();
    const first = transport.get({ path: '/api/v4/leads', query: 'page=1', signal: new AbortController().signal });
    deliver(ok('req-0000-9'));
    expect(await state(first)).toBe('pending');
    deliver(ok('req-0000-1'));
    await expect(first).resolves.toMatchObject({ body: '{"ok":true}' });
    const second = transport.get({ path: '/api/v4/leads', query: 'page=2', signal: new AbortController().signal });
    deliver({ ...ok('req-0000-1'), body: 'replayed' });
    expect(await state(second)).toBe('pending');
    deliver({ ...ok('req-0000-2'), body: 'second' });
    await expect(second).resolves.toMatchObject({ body: 'second' });
  });

  it('keeps only the headers that matter', async () => {
    const { transport, deliver } = setup();
    const result = transport.get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal });
    deliver({ ...ok('req-0000-1'), status: 429, headers: { 'retry-after': '2', 'set-cookie': 'x=1', date: 'Sun, 06 Dec 2026 10:00:00 GMT' } });
    // The Date header is Kommo's clock, relayed for the local copy's cursors.
    await expect(result).resolves.toEqual({
      status: 429,
      headers: { 'retry-after': '2', date: 'Sun, 06 Dec 2026 10:00:00 GMT' },
      body: '{"ok":true}',
    });
  });

  it('rejects with a TypeError when the parent reports a network failure or a refusal', async () => {
    const { transport, deliver } = setup();
    const a = transport.get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal });
    deliver({ type: 'klb:error', id: 'req-0000-1', reason: 'network' });
    await expect(a).rejects.toBeInstanceOf(TypeError);
    const b = transport.get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal });
    deliver({ type: 'klb:error', id: 'req-0000-2', reason: 'forbidden' });
    await expect(b).rejects.toBeInstanceOf(TypeError);
  });

  it('times out with a TimeoutError and cancels the request at the parent', async () => {
    vi.useFakeTimers();
    const { transport, sent, deliver } = setup(5000);
    const result = transport.get({ path: '/api/v4/leads', query: '', signal: new AbortController().signal });
    const settled = result.catch((e: unknown) => e);
    vi.advanceTimersByTime(5000);
    const error = (await settled) as DOMException;
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('TimeoutError');
    expect(sent.at(-1)).toEqual({ message: { type: 'klb:cancel', id: 'req-0000-1' }, origin: PARENT });
    // A late answer for the timed-out id is an unknown id now.
    deliver(ok('req-0000-1'));
  });

  it('rejects with an AbortError on abort, and sends a cancel', async () => {
    const { transport, sent } = setup();
    const controller = new AbortController();
    const result = transport.get({ path: '/api/v4/leads', query: '', signal: controller.signal });
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent.at(-1)).toEqual({ message: { type: 'klb:cancel', id: 'req-0000-1' }, origin: PARENT });
  });

  it('rejects at once, sending nothing, when the signal is already aborted', async () => {
    const { transport, sent } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(transport.get({ path: '/api/v4/leads', query: '', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toHaveLength(0);
  });

  it('refuses a path outside the allowlist without posting it', async () => {
    const { transport, sent } = setup();
    await expect(transport.get({ path: '/api/v4/leads/1/notes', query: '', signal: new AbortController().signal })).rejects.toBeInstanceOf(TypeError);
    await expect(transport.get({ path: '/api/v4/../v3/leads', query: '', signal: new AbortController().signal })).rejects.toBeInstanceOf(TypeError);
    expect(sent).toHaveLength(0);
  });

  it('answers concurrent requests by id, in any order', async () => {
    const { transport, deliver } = setup();
    const a = transport.get({ path: '/api/v4/leads', query: 'page=1', signal: new AbortController().signal });
    const b = transport.get({ path: '/api/v4/users', query: '', signal: new AbortController().signal });
    deliver({ ...ok('req-0000-2'), body: 'b' });
    deliver({ ...ok('req-0000-1'), body: 'a' });
    await expect(a).resolves.toMatchObject({ body: 'a' });
    await expect(b).resolves.toMatchObject({ body: 'b' });
  });
});
