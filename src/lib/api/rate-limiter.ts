// Client-side limiter: at most `perSecond` request starts in any rolling second, first come first
// served. A rolling window (not a token bucket with a burst) because Kommo counts requests per
// second: a full bucket plus its refill could put 2x the rate into one second and earn a 429.
import type { Sleep } from './abortable-sleep';

export type RateLimiter = {
  /** Resolves when the caller may start a request; rejects with the signal's reason when aborted. */
  acquire(signal: AbortSignal): Promise<void>;
};

const WINDOW_MS = 1000;

export function createRateLimiter(perSecond: number, now: () => number, sleep: Sleep): RateLimiter {
  const limit = Math.max(1, Math.floor(perSecond));
  // Start times of recent and reserved slots, ascending: reservations keep FIFO order.
  const slots: number[] = [];

  return {
    async acquire(signal) {
      if (signal.aborted) throw signal.reason;
      const t = now();
      while (slots.length > 0 && (slots[0] ?? 0) <= t - WINDOW_MS) slots.shift();
      const last = slots[slots.length - 1] ?? t;
      const windowStart = slots.length >= limit ? (slots[slots.length - limit] ?? t) + WINDOW_MS : t;
      const slot = Math.max(t, last, windowStart);
      slots.push(slot);
      if (slot <= t) return;
      try {
        await sleep(slot - t, signal);
      } catch (error) {
        // Give the slot back: later reservations stay where they are (conservative, never faster).
        const index = slots.indexOf(slot);
        if (index >= 0) slots.splice(index, 1);
        throw error;
      }
    },
  };
}
