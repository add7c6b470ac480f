// Keeps the proxy's calls to Kommo under its documented 7 requests a second, whatever the browsers do.
// A sliding window rather than a plain token bucket: a bucket allows its burst plus its refill inside
// one second, which would overshoot; here at most `perSecond` calls start in ANY window of `windowMs`.
// With several instances (REDIS_URL) the window lives in Redis and every instance takes its starts
// from it, so together they stay within the account's limit.
//
// Fair per person: each client (a signed-in user, or an address without sign-in) has its own queue,
// capped at `maxQueuePerClient`, and the queues are served in turn (round robin). A client with
// nothing waiting is always let in, however full the others have made the queue. A visible list
// goes before any walk (load all, prefetch, the local copy), whoever asks.
//
// A call counts from when it is SENT, not from its grant: the grants of one wake-up come at one
// instant, but each call leaves only after the synchronous work of the ones before it (an in-process
// demo builds a whole page per call), so counting grants let a loaded event loop spread one burst
// and the next one bunch against it, 8 arrivals in Kommo's second (issue 24). A granted call not yet
// sent counts as starting now.
import { randomUUID } from 'node:crypto';

/** `sent`: call it just before the request leaves; the window counts the call from then. */
export type LimiterGrant = { granted: true; sent: () => void } | { granted: false; retryAfterSeconds: number };

/** `visible`: what a user is looking at; `walk`: load all, read-ahead, the local copy's sync. */
export type UpstreamPriority = 'visible' | 'walk';

export type UpstreamLimiter = {
  /**
   * Resolves when the call may start, or at once with `granted: false` when the client's queue (or,
   * for a client already waiting, the whole queue) is full. Rejects with the signal's reason when
   * aborted while waiting, and with a `BudgetUnavailableError` when the shared budget cannot be read.
   */
  acquire(signal?: AbortSignal, client?: string, priority?: UpstreamPriority): Promise<LimiterGrant>;
  /** Calls currently waiting, all clients together. */
  readonly queued: number;
};

/**
 * Where the starts are counted: `take` answers 0 when a call may start now (it then holds a slot),
 * else milliseconds to wait; `sent` moves the oldest held slot to the moment its call is sent.
 */
export type RateBudget = { take(): number | Promise<number>; sent?: () => void };

export class BudgetUnavailableError extends Error {}

export type LimiterClock = {
  now(): number;
  /** Calls `run` after `ms`; the clock of a test decides when. */
  setTimer(run: () => void, ms: number): void;
};

const systemClock: LimiterClock = {
  now: () => Date.now(),
  setTimer: (run, ms) => {
    setTimeout(run, ms);
  },
};

export type UpstreamLimiterOptions = {
  perSecond: number;
  /** Waiting calls allowed before refusing clients that already wait; keeps the wait short. */
  maxQueue: number;
  /** Waiting calls one client may have; defaults to maxQueue (no per-client cap). */
  maxQueuePerClient?: number;
  windowMs?: number;
  /** The shared window (Redis) instead of this process's own. */
  budget?: RateBudget;
  clock?: LimiterClock;
};

// A held slot whose call never reports `sent` (a call that failed on its way out) stops counting
// after this long, so a lost report cannot shrink the window for good.
const HELD_FOR_AT_MOST_MS = 30_000;

/**
 * This process's own sliding window: at most `perSecond` calls in any `windowMs`, each counted from
 * when it was sent; a granted call not yet sent counts as starting now (however long the event loop
 * keeps it from leaving).
 */
export function createWindowBudget(perSecond: number, windowMs: number, now: () => number = Date.now): RateBudget {
  // Send times still inside the window, ascending; and the grant times of slots not yet sent, ascending.
  const starts: number[] = [];
  const held: number[] = [];
  return {
    take() {
      const at = now();
      while (starts.length > 0 && (starts[0] ?? 0) <= at - windowMs) starts.shift();
      while (held.length > 0 && (held[0] ?? 0) <= at - HELD_FOR_AT_MOST_MS) held.shift();
      if (starts.length + held.length < perSecond) {
        held.push(at);
        return 0;
      }
      // A held slot frees no earlier than a window after now; the oldest sent one may free sooner.
      return Math.max(1, Math.min(starts[0] ?? at, at) + windowMs - at);
    },
    sent() {
      if (held.shift() === undefined) return;
      const at = now();
      let i = starts.length;
      while (i > 0 && (starts[i - 1] ?? 0) > at) i--;
      starts.splice(i, 0, at);
    },
  };
}

type Waiter = {
  resolve: (grant: LimiterGrant) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
};

/** Round-robin queues of one priority: insertion order is the turn order, a served client moves to the back. */
class TurnQueues {
  readonly queues = new Map<string, Waiter[]>();
  size = 0;
  push(client: string, waiter: Waiter) {
    const queue = this.queues.get(client);
    if (queue === undefined) this.queues.set(client, [waiter]);
    else queue.push(waiter);
    this.size++;
  }
  count(client: string): number {
    return this.queues.get(client)?.length ?? 0;
  }
  next(): Waiter | undefined {
    for (const [client, queue] of this.queues) {
      this.queues.delete(client);
      const waiter = queue.shift();
      if (queue.length > 0) this.queues.set(client, queue);
      if (waiter !== undefined) {
        this.size--;
        return waiter;
      }
    }
    return undefined;
  }
  remove(client: string, waiter: Waiter): boolean {
    const queue = this.queues.get(client);
    const index = queue?.indexOf(waiter) ?? -1;
    if (queue === undefined || index === -1) return false;
    queue.splice(index, 1);
    this.size--;
    if (queue.length === 0) this.queues.delete(client);
    return true;
  }
  drain(): Waiter[] {
    const all = [...this.queues.values()].flat();
    this.queues.clear();
    this.size = 0;
    return all;
  }
}

export function createUpstreamLimiter({
  perSecond,
  maxQueue,
  maxQueuePerClient = maxQueue,
  windowMs = 1000,
  clock = systemClock,
  budget = createWindowBudget(perSecond, windowMs, () => clock.now()),
}: UpstreamLimiterOptions): UpstreamLimiter {
  const visible = new TurnQueues();
  const walks = new TurnQueues();
  const total = () => visible.size + walks.size;
  let running = false;
  let sleeping = false;

  const grantNext = () => {
    const waiter = visible.next() ?? walks.next();
    // Nobody left to take the slot (aborted meanwhile): count it as sent now rather than hold it.
    if (waiter === undefined) return budget.sent?.();
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    let reported = false;
    waiter.resolve({
      granted: true,
      sent: () => {
        if (reported) return;
        reported = true;
        budget.sent?.();
      },
    });
  };

  /** Handles one answer of the budget; false when the pump now sleeps. */
  const handle = (wait: number): boolean => {
    if (wait <= 0) {
      grantNext();
      return true;
    }
    sleeping = true;
    clock.setTimer(() => {
      sleeping = false;
      pump();
    }, wait);
    return false;
  };

  const fail = (error: unknown) => {
    const reason = new BudgetUnavailableError(
      `the shared request budget could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    for (const waiter of [...visible.drain(), ...walks.drain()]) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(reason);
    }
  };

  const step = () => {
    while (total() > 0) {
      let answer: number | Promise<number>;
      try {
        answer = budget.take();
      } catch (error) {
        fail(error);
        break;
      }
      if (typeof answer !== 'number') {
        answer.then(
          (wait) => {
            if (handle(wait)) step();
            else running = false;
          },
          (error: unknown) => {
            fail(error);
            running = false;
          },
        );
        return;
      }
      if (!handle(answer)) {
        running = false;
        return;
      }
    }
    running = false;
  };

  const pump = () => {
    if (running || sleeping || total() === 0) return;
    running = true;
    step();
  };

  return {
    get queued() {
      return total();
    },
    acquire(signal, client = '', priority = 'visible') {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const own = visible.count(client) + walks.count(client);
      // A client with nothing waiting is never refused for what others queued: only its own backlog counts against it.
      if (own >= maxQueuePerClient || (own > 0 && total() >= maxQueue)) {
        const clients = new Set([...visible.queues.keys(), ...walks.queues.keys()]).size;
        const ahead = own >= maxQueuePerClient ? own * Math.max(1, clients) : total();
        return Promise.resolve({ granted: false, retryAfterSeconds: Math.max(1, Math.ceil((ahead + 1) / perSecond)) });
      }
      const queues = priority === 'walk' ? walks : visible;
      return new Promise<LimiterGrant>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            queues.remove(client, waiter);
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queues.push(client, waiter);
        pump();
      });
    },
  };
}

/**
 * The window in the shared store: one for all instances serving the account. Each granted start is
 * held under an id of its own and moved to the moment its call is sent (`sent`), as this process's
 * own window does: counted from the grant, one burst of grants spread by a busy event loop let the
 * next burst bunch against it, 8 arrivals in Kommo's second from two instances (issue 24).
 */
export function createStoreBudget(
  store: {
    takeSlot(key: string, limit: number, windowMs: number, id: string): Promise<number>;
    retimeSlot(key: string, id: string, windowMs: number): Promise<void>;
  },
  key: string,
  perSecond: number,
  windowMs: number,
  newId: () => string = randomUUID,
): RateBudget {
  // Ids of granted starts whose calls have not been sent yet, oldest first: any of them may be the
  // one a `sent` reports (the limiter's grants are interchangeable), so the oldest is moved.
  const held: string[] = [];
  return {
    async take() {
      const id = newId();
      const wait = await store.takeSlot(key, perSecond, windowMs, id);
      if (wait <= 0) held.push(id);
      return wait;
    },
    sent() {
      const id = held.shift();
      if (id === undefined) return;
      // A failed move leaves the start counted from its grant: the window is then as it was before
      // this fix, never wider; the call itself is not held up by it.
      store.retimeSlot(key, id, windowMs).catch(() => undefined);
    },
  };
}
