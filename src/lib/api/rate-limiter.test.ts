import { afterEach, describe, expect, it, vi } from 'vitest';
import { RATE_WINDOW_MS } from '@/kommo/api-paths';
import { abortableSleep } from './abortable-sleep';
import { createRateLimiter, type RequestPriority } from './rate-limiter';

const signal = () => new AbortController().signal;

/** Starts `calls` in order, in one task, and records when and in which order each is granted. */
function run(limiter: ReturnType<typeof createRateLimiter>, calls: Array<[string, RequestPriority]>) {
  const granted: Array<{ name: string; at: number }> = [];
  const t0 = Date.now();
  const all = Promise.all(
    calls.map(([name, priority]) => limiter.acquire(signal(), priority).then(() => granted.push({ name, at: Date.now() - t0 }))),
  );
  return { granted, all };
}

describe('priority rate limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('grants the leads page before reference data asked for earlier in the same task', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter(2, Date.now, abortableSleep);
    const { granted, all } = run(limiter, [
      ['tags', 'deferred'],
      ['account', 'normal'],
      ['leads', 'urgent'],
      ['catalogs', 'deferred'],
    ]);
    await vi.advanceTimersByTimeAsync(3000);
    await all;
    expect(granted).toEqual([
      { name: 'leads', at: 0 },
      { name: 'account', at: 0 },
      { name: 'tags', at: RATE_WINDOW_MS },
      { name: 'catalogs', at: RATE_WINDOW_MS },
    ]);
  });

  it('lets what the user asks for overtake a background walk already waiting', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter(1, Date.now, abortableSleep);
    const walk = run(limiter, [
      ['walk 1', 'background'],
      ['walk 2', 'background'],
      ['walk 3', 'background'],
    ]);
    await vi.advanceTimersByTimeAsync(10);
    // Later, while walk 2 and 3 wait for the window, the user scrolls:
    const user = run(limiter, [['next page', 'urgent']]);
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all([walk.all, user.all]);
    expect(walk.granted.map((g) => g.name)).toEqual(['walk 1', 'walk 2', 'walk 3']);
    // The user's page takes the next slot (one window after walk 1, asked 10 ms in), the walk the ones after.
    expect(user.granted[0]?.at).toBe(RATE_WINDOW_MS - 10);
    expect(walk.granted.map((g) => g.at)).toEqual([0, 2 * RATE_WINDOW_MS, 3 * RATE_WINDOW_MS]);
  });

  it('keeps first come, first served within one priority and the rolling window across priorities', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter(3, Date.now, abortableSleep);
    const names = Array.from({ length: 7 }, (_, i): [string, RequestPriority] => [`r${i}`, i % 2 === 0 ? 'normal' : 'deferred']);
    const { granted, all } = run(limiter, names);
    await vi.advanceTimersByTimeAsync(5000);
    await all;
    expect(granted).toEqual([
      { name: 'r0', at: 0 },
      { name: 'r2', at: 0 },
      { name: 'r4', at: 0 },
      { name: 'r6', at: RATE_WINDOW_MS },
      { name: 'r1', at: RATE_WINDOW_MS },
      // Deferred requests leave the last slot of a window free (see the next test).
      { name: 'r3', at: 2 * RATE_WINDOW_MS },
      { name: 'r5', at: 2 * RATE_WINDOW_MS },
    ]);
  });

  it('keeps the last slot of a window from deferred requests, for the leads request that comes a moment later', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter(6, Date.now, abortableSleep);
    const first = run(limiter, [
      ['account', 'normal'],
      ['pipelines', 'normal'],
      ['users', 'normal'],
      ['tags', 'deferred'],
      ['catalogs', 'deferred'],
      ['sources', 'deferred'],
      ['loss reasons', 'deferred'],
    ]);
    await vi.advanceTimersByTimeAsync(100);
    // The pipelines answered: the stage view's leads request goes now, not a second later.
    const leads = run(limiter, [['leads', 'urgent']]);
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all([first.all, leads.all]);
    expect(leads.granted).toEqual([{ name: 'leads', at: 0 }]);
    expect(first.granted.filter((g) => g.at === 0).map((g) => g.name)).toEqual(['account', 'pipelines', 'users', 'tags', 'catalogs']);
    expect(first.granted.find((g) => g.name === 'sources')?.at).toBe(RATE_WINDOW_MS);
  });

  it('lets background walks use the whole window', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter(6, Date.now, abortableSleep);
    const walk = run(
      limiter,
      Array.from({ length: 12 }, (_, i): [string, RequestPriority] => [`page ${i + 1}`, 'background']),
    );
    await vi.advanceTimersByTimeAsync(3000);
    await walk.all;
    expect(walk.granted.filter((g) => g.at === 0)).toHaveLength(6);
    expect(walk.granted.filter((g) => g.at === RATE_WINDOW_MS)).toHaveLength(6);
  });

  it('drops an aborted waiter from the queue without taking a slot', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter(1, Date.now, abortableSleep);
    const controller = new AbortController();
    const first = limiter.acquire(signal(), 'normal');
    const aborted = limiter.acquire(controller.signal, 'urgent').then(
      () => 'granted',
      () => 'aborted',
    );
    controller.abort();
    await first;
    expect(await aborted).toBe('aborted');
    const { granted, all } = run(limiter, [['next', 'deferred']]);
    await vi.advanceTimersByTimeAsync(2000);
    await all;
    expect(granted).toEqual([{ name: 'next', at: RATE_WINDOW_MS }]);
  });
});
