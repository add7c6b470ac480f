import { afterEach, describe, expect, it, vi } from 'vitest';
import { KOMMO_RATE_LIMIT_PER_SECOND, RATE_WINDOW_MS } from '@/kommo/api-paths.ts';
import { createRateLimiter } from './demo/rate-limiter.ts';
import { createMemoryStore } from './store/shared-store.ts';
import { createStoreBudget, createUpstreamLimiter, createWindowBudget, type LimiterGrant } from './upstream-limiter.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** What the proxy does with a grant: sends the call at once (the window counts it from then). */
const send = (grant: LimiterGrant): LimiterGrant => {
  if (grant.granted) grant.sent();
  return grant;
};

describe('upstream limiter: fair queueing', () => {
  it('caps the calls one client may keep waiting, and refuses that client only', async () => {
    vi.useFakeTimers();
    const limiter = createUpstreamLimiter({ perSecond: 2, maxQueue: 10, maxQueuePerClient: 3 });
    const flood = Array.from({ length: 20 }, () => limiter.acquire(undefined, 'flooder').then(send));
    const grants = await Promise.all(flood.slice(5).map((p) => p));
    expect(grants.every((g) => !g.granted)).toBe(true);
    const other = await Promise.race([
      limiter
        .acquire(undefined, 'other')
        .then(send)
        .then(() => 'served'),
      vi.advanceTimersByTimeAsync(1000).then(() => 'late'),
    ]);
    expect(other).toBe('served');
  });

  it('serves the waiting clients in turn, not in arrival order', async () => {
    vi.useFakeTimers();
    const limiter = createUpstreamLimiter({ perSecond: 1, maxQueue: 20, maxQueuePerClient: 10 });
    const order: string[] = [];
    const all = [
      ...Array.from({ length: 5 }, (_, i) =>
        limiter
          .acquire(undefined, 'a')
          .then(send)
          .then(() => order.push(`a${i}`)),
      ),
      ...Array.from({ length: 2 }, (_, i) =>
        limiter
          .acquire(undefined, 'b')
          .then(send)
          .then(() => order.push(`b${i}`)),
      ),
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
    const first = limiter
      .acquire(undefined, 'walker', 'walk')
      .then(send)
      .then(() => order.push('walk0'));
    const walks = Array.from({ length: 3 }, (_, i) =>
      limiter
        .acquire(undefined, 'walker', 'walk')
        .then(send)
        .then(() => order.push(`walk${i + 1}`)),
    );
    const looks = [
      limiter
        .acquire(undefined, 'someone', 'visible')
        .then(send)
        .then(() => order.push('someone')),
      limiter
        .acquire(undefined, 'walker', 'visible')
        .then(send)
        .then(() => order.push('walker-visible')),
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
    expect(await second).toMatchObject({ granted: true });
    await expect(limiter.acquire(undefined, 'x')).rejects.toThrow(/shared request budget could not be read: redis down/);
  });
});

describe('upstream limiter: counts a call from when it is sent (issue 24)', () => {
  // The same burst through this process's window and through the shared one (the store every
  // instance reads: Redis in production, its memory twin here, both re-timing a start at its send).
  it.each([
    ['this process’s window', undefined],
    [
      'the shared store’s window',
      (now: () => number) => createStoreBudget(createMemoryStore({ now }), 'budget', KOMMO_RATE_LIMIT_PER_SECOND - 1, RATE_WINDOW_MS),
    ],
  ] as const)('keeps Kommo’s window at its limit when a busy event loop spreads one burst and bunches the next: %s', async (_name, makeBudget) => {
    // A clock that synchronous work moves on (`burn`) while no timer can fire, as on a loaded event loop.
    let now = 0;
    let timers: Array<{ at: number; run: () => void }> = [];
    const clock = { now: () => now, setTimer: (run: () => void, ms: number) => void timers.push({ at: now + ms, run }) };
    const budget = makeBudget?.(() => now);
    const limiter = createUpstreamLimiter({ perSecond: KOMMO_RATE_LIMIT_PER_SECOND - 1, maxQueue: 100, windowMs: RATE_WINDOW_MS, clock, budget });
    // The demo's own limit is the oracle: 7 arrivals in any 1000 ms.
    const kommo = createRateLimiter(KOMMO_RATE_LIMIT_PER_SECOND, () => now);
    const arrivals: Array<{ at: number; allowed: boolean }> = [];
    let sentCount = 0;
    const calls = Array.from({ length: 30 }, () =>
      limiter.acquire(undefined, 'browser').then((grant) => {
        if (!grant.granted) throw new Error('refused');
        grant.sent();
        arrivals.push({ at: now, allowed: kommo.check('proxy').allowed });
        // The first burst is six whole pages built in turn (100 ms each), the rest are quick answers.
        now += sentCount++ < 6 ? 100 : 1;
      }),
    );
    await settle();
    while (timers.length > 0) {
      const due = timers.sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      timers = timers.filter((t) => t !== due);
      now = Math.max(now, due.at);
      due.run();
      await settle();
    }
    await Promise.all(calls);
    expect(arrivals).toHaveLength(30);
    expect(arrivals.filter((a) => !a.allowed)).toEqual([]);
    // No slower than needed: 6 calls per window of 1050 ms, counted from the sends.
    expect(arrivals.at(-1)?.at).toBeLessThan(5 * RATE_WINDOW_MS + 600);
  });

  it('counts a granted call as starting now until it is sent, then from its send', () => {
    let now = 0;
    const budget = createWindowBudget(2, 1000, () => now);
    expect(budget.take()).toBe(0);
    expect(budget.take()).toBe(0);
    // Both held (granted, not yet sent) long after their grants: the third waits a whole window from now.
    now = 5000;
    expect(budget.take()).toBe(1000);
    budget.sent?.();
    now = 5400;
    budget.sent?.();
    // Counted from their sends (5000 and 5400): the first frees its slot at 6000.
    now = 5999;
    expect(budget.take()).toBe(1);
    now = 6000;
    expect(budget.take()).toBe(0);
  });
});

describe('upstream limiter: the shared window counts a call from when it is sent (issue 24)', () => {
  it('moves a granted start to its send, so the next grant waits a window from the send, not from the grant', async () => {
    let now = 0;
    const budget = createStoreBudget(createMemoryStore({ now: () => now }), 'budget', 2, 1000);
    expect(await budget.take()).toBe(0);
    expect(await budget.take()).toBe(0);
    // Both calls leave half a second after their grants (a busy event loop).
    now = 500;
    budget.sent?.();
    budget.sent?.();
    // A window after the grants, but not after the sends: the third call waits until 1500.
    now = 1000;
    expect(await budget.take()).toBe(500);
    now = 1500;
    expect(await budget.take()).toBe(0);
  });
});
