// Keeps the proxy's calls to Kommo under its documented 7 requests a second, whatever the browsers do.
// A sliding window rather than a plain token bucket: a bucket allows its burst plus its refill inside
// one second, which would overshoot; here at most `perSecond` calls start in ANY window of `windowMs`.
// Callers past the limit wait; past the queue's cap they are refused (429).
//
// Fair queueing: each client (remote address) has its own queue, capped at `maxQueuePerClient`, and
// the queues are served in turn (round robin). One client firing 200 requests fills only its own
// queue and gets the 429s; another client's request waits at most one turn behind it.

export type LimiterGrant = { granted: true } | { granted: false; retryAfterSeconds: number };

export type UpstreamLimiter = {
  /**
   * Resolves when the call may start, or at once with `granted: false` when the client's queue (or
   * the whole queue) is full. Rejects with the signal's reason when aborted while waiting.
   */
  acquire(signal?: AbortSignal, client?: string): Promise<LimiterGrant>;
  /** Calls currently waiting, all clients together. */
  readonly queued: number;
};

export type UpstreamLimiterOptions = {
  perSecond: number;
  /** Waiting calls allowed before refusing; keeps the wait short (maxQueue / perSecond seconds at most). */
  maxQueue: number;
  /** Waiting calls one client may have; defaults to maxQueue (no per-client cap). */
  maxQueuePerClient?: number;
  windowMs?: number;
};

type Waiter = { resolve: (grant: LimiterGrant) => void; reject: (reason: unknown) => void; signal: AbortSignal | undefined; onAbort: () => void };

export function createUpstreamLimiter({
  perSecond,
  maxQueue,
  maxQueuePerClient = maxQueue,
  windowMs = 1000,
}: UpstreamLimiterOptions): UpstreamLimiter {
  const starts: number[] = [];
  // Insertion order is the turn order: a served client with more waiting moves to the back.
  const queues = new Map<string, Waiter[]>();
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const nextWaiter = (): Waiter | undefined => {
    for (const [client, queue] of queues) {
      queues.delete(client);
      const waiter = queue.shift();
      if (queue.length > 0) queues.set(client, queue);
      if (waiter !== undefined) {
        total--;
        return waiter;
      }
    }
    return undefined;
  };

  const pump = () => {
    const now = Date.now();
    while (starts.length > 0 && (starts[0] ?? 0) <= now - windowMs) starts.shift();
    while (total > 0 && starts.length < perSecond) {
      const waiter = nextWaiter();
      if (waiter === undefined) break;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      starts.push(now);
      waiter.resolve({ granted: true });
    }
    if (total > 0 && timer === null) {
      const wait = Math.max(1, (starts[0] ?? now) + windowMs - now);
      timer = setTimeout(() => {
        timer = null;
        pump();
      }, wait);
    }
  };

  return {
    get queued() {
      return total;
    },
    acquire(signal, client = '') {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const own = queues.get(client)?.length ?? 0;
      if (total >= maxQueue || own >= maxQueuePerClient) {
        const ahead = total >= maxQueue ? total : own * Math.max(1, queues.size);
        return Promise.resolve({ granted: false, retryAfterSeconds: Math.max(1, Math.ceil((ahead + 1) / perSecond)) });
      }
      return new Promise<LimiterGrant>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const queue = queues.get(client);
            const index = queue?.indexOf(waiter) ?? -1;
            if (queue !== undefined && index !== -1) {
              queue.splice(index, 1);
              total--;
              if (queue.length === 0) queues.delete(client);
            }
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        const queue = queues.get(client);
        if (queue === undefined) queues.set(client, [waiter]);
        else queue.push(waiter);
        total++;
        pump();
      });
    },
  };
}
