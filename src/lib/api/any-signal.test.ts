import { afterEach, describe, expect, it, vi } from 'vitest';
import { anySignal } from './any-signal';

describe('anySignal fallback (no AbortSignal.any)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('aborts when any input aborts, with its reason, and releases its listeners', () => {
    const original = AbortSignal;
    vi.stubGlobal('AbortSignal', Object.assign(Object.create(original), { any: undefined }));
    const a = new AbortController();
    const b = new AbortController();
    const linked = anySignal([a.signal, b.signal]);
    expect(linked.signal.aborted).toBe(false);
    b.abort('why');
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('why');

    const c = new AbortController();
    const remove = vi.spyOn(c.signal, 'removeEventListener');
    anySignal([c.signal]).release();
    expect(remove).toHaveBeenCalled();

    const done = new AbortController();
    done.abort('early');
    expect(anySignal([done.signal]).signal.reason).toBe('early');
  });

  it('uses the native AbortSignal.any when present', () => {
    const a = new AbortController();
    const linked = anySignal([a.signal]);
    a.abort();
    expect(linked.signal.aborted).toBe(true);
  });
});
