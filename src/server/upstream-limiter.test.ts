import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUpstreamLimiter } from './upstream-limiter.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('upstream limiter: fair queueing', () => {
  it('caps the calls one client may keep waiting, and refuses that client only', async () => {
    vi.useFakeTimers();
    const limiter = createUpstreamLimiter({ perSecond: 2, maxQueue: 10, maxQueuePerClient: 3 });
    const flood = Array.from({ length: 20 }, () => limiter.acquire(undefined, 'flooder'));
    const grants = await Promise.all(flood.slice(5).map((p) => p));
    expect(grants.every((g) => !g.granted)).toBe(true);
    const other = await Promise.race([
      limiter.acquire(undefined, 'other').then(() => 'served'),
      vi.advanceTimersByTimeAsync(1000).then(() => 'late'),
    ]);
    expect(other).toBe('served');
  });

  it('serves the waiting clients in turn, not in arrival order', async () => {
    vi.useFakeTimers();
    const limiter = createUpstreamLimiter({ perSecond: 1, maxQueue: 20, maxQueuePerClient: 10 });
    const order: string[] = [];
    const all = [
      ...Array.from({ length: 5 }, (_, i) => limiter.acquire(undefined, 'a').then(() => order.push(`a${i}`))),
      ...Array.from({ length: 2 }, (_, i) => limiter.acquire(undefined, 'b').then(() => order.push(`b${i}`))),
    ];
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    // a0 went at once (an empty window); then the queues alternate.
    expect(order).toEqual(['a0', 'a1', 'b0', 'a2', 'b1', 'a3', 'a4']);
  });
});
