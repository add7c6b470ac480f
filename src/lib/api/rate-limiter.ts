// Client-side limiter: at most `perSecond` request starts in any rolling second, granted by
// priority (first come, first served within one priority). A rolling window (not a token bucket
// with a burst) because Kommo counts requests per second: a full bucket plus its refill could put
// 2x the rate into one second and earn a 429.
import { RATE_WINDOW_MS } from '@/kommo/api-paths';
import type { Sleep } from './abortable-sleep';

/**
 * Who is waiting for a request, most urgent first: `urgent` the leads page the user is looking at,
 * `normal` what the visible cells need to draw (account, pipelines, users, contacts of the page),
 * `deferred` reference data that only improves names later (tags, catalogs, sources, loss reasons,
 * later pages of custom fields), `background` walks nobody is looking at yet (load all, prefetch).
 */
export type RequestPriority = 'urgent' | 'normal' | 'deferred' | 'background';

const RANK: Record<RequestPriority, number> = { urgent: 0, normal: 1, deferred: 2, background: 3 };

/**
 * Deferred requests never take the last slot of a window (when there are more than two): the
 * leads request of a stage view starts only once the pipelines are in, and without a free slot
 * it would wait a whole second behind tags and catalogs. Background walks are not held back:
 * load all keeps the full rate and still yields to anything more urgent in the queue.
 */
const DEFERRED_RANK = RANK.deferred;

export type RateLimiter = {
  /** Resolves when the caller may start a request; rejects with the signal's reason when aborted. */
  acquire(signal: AbortSignal, priority?: RequestPriority): Promise<void>;
};

// The proxy's window too: the browser never grants faster than the proxy serves.
const WINDOW_MS = RATE_WINDOW_MS;

type Waiter = { rank: number; seq: number; resolve: () => void; release: () => void };

export function createRateLimiter(perSecond: number, now: () => number, sleep: Sleep): RateLimiter {
  const limit = Math.max(1, Math.floor(perSecond));
  // Start times of the granted slots still inside the window, ascending.
  const starts: number[] = [];
  const waiters: Waiter[] = [];
  let seq = 0;
  let pumpQueued = false;
  let wakeUpPending = false;

  const mostUrgentIndex = (): number => {
    let best = 0;
    for (let i = 1; i < waiters.length; i++) {
      const w = waiters[i];
      const b = waiters[best];
      if (w && b && (w.rank < b.rank || (w.rank === b.rank && w.seq < b.seq))) best = i;
    }
    return best;
  };
  const peekMostUrgent = (): Waiter | undefined => waiters[mostUrgentIndex()];
  const takeMostUrgent = (): Waiter | undefined => waiters.splice(mostUrgentIndex(), 1)[0];

  const pump = () => {
    const t = now();
    while (starts.length > 0 && (starts[0] ?? 0) <= t - WINDOW_MS) starts.shift();
    while (waiters.length > 0 && starts.length < limit) {
      const next = peekMostUrgent();
      if (!next || (next.rank === DEFERRED_RANK && limit > 2 && starts.length >= limit - 1)) break;
      const waiter = takeMostUrgent();
      if (!waiter) break;
      starts.push(t);
      waiter.release();
      waiter.resolve();
    }
    if (waiters.length === 0 || wakeUpPending) return;
    // The window is full: wake when its oldest start leaves it. One timer serves every waiter, and it
    // is never aborted (a spurious wake-up only re-checks the window).
    wakeUpPending = true;
    const wakeAt = (starts[0] ?? t) + WINDOW_MS;
    sleep(wakeAt - t, new AbortController().signal).then(
      () => {
        wakeUpPending = false;
        pump();
      },
      () => {
        wakeUpPending = false;
      },
    );
  };

  // Callers that arrive in the same task (the first screen's queries start in one commit) are
  // ordered by priority before any is granted, not by which effect happened to run first.
  const schedulePump = () => {
    if (pumpQueued) return;
    pumpQueued = true;
    queueMicrotask(() => {
      pumpQueued = false;
      pump();
    });
  };

  return {
    acquire(signal, priority = 'normal') {
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(signal.reason as Error);
        };
        const waiter: Waiter = {
          rank: RANK[priority],
          seq: seq++,
          resolve,
          release: () => signal.removeEventListener('abort', onAbort),
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiters.push(waiter);
        schedulePump();
      });
    },
  };
}
