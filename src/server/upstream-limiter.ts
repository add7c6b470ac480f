// Keeps the proxy's calls to Kommo under its documented 7 requests a second, whatever the browsers do.
// A sliding window rather than a plain token bucket: a bucket allows its burst plus its refill inside
// one second, which would overshoot; here at most `perSecond` calls start in ANY window of `windowMs`.
// Callers past the limit wait in a short FIFO queue; past the queue's cap they are refused (429).

export type LimiterGrant = { granted: true } | { granted: false; retryAfterSeconds: number };

export type UpstreamLimiter = {
  /** Resolves when the call may start, or at once with `granted: false` when the queue is full. Rejects with the signal's reason when aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<LimiterGrant>;
  /** Calls currently waiting. */
  readonly queued: number;
};

export type UpstreamLimiterOptions = {
  perSecond: number;
  /** Waiting calls allowed before refusing; keeps the wait short (maxQueue / perSecond seconds at most). */
  maxQueue: number;
  windowMs?: number;
};

type Waiter = { resolve: (grant: LimiterGrant) => void; reject: (reason: unknown) => void; signal: AbortSignal | undefined; onAbort: () => void };

export function createUpstreamLimiter({ perSecond, maxQueue, windowMs = 1000 }: UpstreamLimiterOptions): UpstreamLimiter {
  const starts: number[] = [];
  const queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const pump = () => {
    const now = Date.now();
    while (starts.length > 0 && (starts[0] ?? 0) <= now - windowMs) starts.shift();
    while (queue.length > 0 && starts.length < perSecond) {
      const waiter = queue.shift();
      if (waiter === undefined) break;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      starts.push(now);
      waiter.resolve({ granted: true });
    }
    if (queue.length > 0 && timer === null) {
      const wait = Math.max(1, (starts[0] ?? now) + windowMs - now);
      timer = setTimeout(() => {
        timer = null;
        pump();
      }, wait);
    }
  };

  return {
    get queued() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (queue.length >= maxQueue) {
        return Promise.resolve({ granted: false, retryAfterSeconds: Math.max(1, Math.ceil((queue.length + 1) / perSecond)) });
      }
      return new Promise<LimiterGrant>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const index = queue.indexOf(waiter);
            if (index !== -1) queue.splice(index, 1);
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
  };
}
