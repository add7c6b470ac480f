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

/** A clock the test moves by hand: timers fire only when `advance` passes them. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void }> = [];
  return {
    clock: {
      now: () => now,
      setTimer: (run: () => void, ms: number) => {
        timers.push({ at: now + ms, run });
      },
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        now = due.at;
        timers = timers.filter((t) => t !== due);
        due.run();
        await Promise.resolve();
      }
      now = end;
      await Promise.resolve();
    },
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('upstream limiter: fair per person (issue 21)', () => {
  it('never refuses a client with nothing waiting, however full others made the queue', async () => {
    const { clock } = manualClock();
    const limiter = createUpstreamLimiter({ perSecond: 1, maxQueue: 6, maxQueuePerClient: 3, clock });
    // Two flooders: one start each at once, then 3 waiting each: the whole queue (6) is full.
    for (const client of ['a', 'b']) for (let i = 0; i < 4; i++) void limiter.acquire(undefined, client);
    expect(limiter.queued).toBe(6);
    expect(await limiter.acquire(undefined, 'a')).toMatchObject({ granted: false });
    const newcomer = limiter.acquire(undefined, 'newcomer');
    expect(await Promise.race([newcomer, settle().then(() => 'waiting')])).toBe('waiting');
    expect(limiter.queued).toBe(7);
    // Its second request, now that it has one waiting and the queue is full, is refused.
    expect(await limiter.acquire(undefined, 'newcomer')).toMatchObject({ granted: false });
  });

  it('serves a visible list before any walk, whoever asks', async () => {
    const { clock, advance } = manualClock();
    const limiter = createUpstreamLimiter({ perSecond: 1, maxQueue: 100, maxQueuePerClient: 50, windowMs: 1000, clock });
    const order: string[] = [];
    const first = limiter.acquire(undefined, 'walker', 'walk').then(() => order.push('walk0'));
    const walks = Array.from({ length: 3 }, (_, i) => limiter.acquire(undefined, 'walker', 'walk').then(() => order.push(`walk${i + 1}`)));
    const looks = [
      limiter.acquire(undefined, 'someone', 'visible').then(() => order.push('someone')),
      limiter.acquire(undefined, 'walker', 'visible').then(() => order.push('walker-visible')),
    ];
    await advance(10_000);
    await Promise.all([first, ...walks, ...looks]);
    expect(order).toEqual(['walk0', 'someone', 'walker-visible', 'walk1', 'walk2', 'walk3']);
  });

  it('takes its starts from a shared budget that makes it wait, and fails the waiters when the budget cannot be read', async () => {
    const { clock, advance } = manualClock();
    const answers: Array<() => number | Promise<number>> = [
      () => 0,
      () => Promise.resolve(400),
      () => 0,
      () => Promise.reject(new Error('redis down')),
    ];
    const limiter = createUpstreamLimiter({ perSecond: 6, maxQueue: 10, clock, budget: { take: () => (answers.shift() ?? (() => 0))() } });
    await limiter.acquire(undefined, 'x');
    expect(clock.now()).toBe(0);
    const second = limiter.acquire(undefined, 'x');
    expect(await Promise.race([second, settle().then(() => 'waiting')])).toBe('waiting');
    await advance(399);
    expect(await Promise.race([second, settle().then(() => 'waiting')])).toBe('waiting');
    await advance(1);
    expect(await second).toEqual({ granted: true });
    await expect(limiter.acquire(undefined, 'x')).rejects.toThrow(/shared request budget could not be read: redis down/);
  });
});
