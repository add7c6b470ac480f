// What several server instances behind one load balancer must agree on: sessions, the one-time
// token ids already used, and the account's request budget (Kommo counts 7 a second per account,
// not per instance). Two implementations: this process's memory (one instance) and Redis (REDIS_URL).

export type SharedStore = {
  readonly kind: 'memory' | 'redis';
  /** Stores `value` under `key` for `ttlMs` unless the key exists; false when it did (the value is left as it was). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Takes one start from a sliding window shared by every instance: 0 when granted, else how many
   * milliseconds until the oldest start leaves the window (at most `limit` starts in any `windowMs`).
   * A granted start is held under `id`, counted from now until `retimeSlot` moves it.
   */
  takeSlot(key: string, limit: number, windowMs: number, id: string): Promise<number>;
  /**
   * Moves the start held under `id` to now, when its call is really sent (or adds it at now when it
   * has already left the window): a call counts from when it leaves, not from when it was granted.
   */
  retimeSlot(key: string, id: string, windowMs: number): Promise<void>;
  close(): Promise<void>;
};

export type StoreClock = { now(): number };

const systemClock: StoreClock = { now: () => Date.now() };

/** One instance: everything in this process's memory, expired entries dropped when read or swept. */
export function createMemoryStore(clock: StoreClock = systemClock): SharedStore {
  const values = new Map<string, { value: string; expiresAt: number }>();
  const windows = new Map<string, { at: number; id: string }[]>();
  let writes = 0;

  const live = (key: string) => {
    const entry = values.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= clock.now()) {
      values.delete(key);
      return undefined;
    }
    return entry;
  };
  // Used token ids and ended sessions are never read again: sweep now and then so they do not pile up.
  const sweep = () => {
    if (++writes % 256 !== 0) return;
    const now = clock.now();
    for (const [key, entry] of values) if (entry.expiresAt <= now) values.delete(key);
  };

  return {
    kind: 'memory',
    setIfAbsent(key, value, ttlMs) {
      if (live(key) !== undefined) return Promise.resolve(false);
      values.set(key, { value, expiresAt: clock.now() + ttlMs });
      sweep();
      return Promise.resolve(true);
    },
    get(key) {
      return Promise.resolve(live(key)?.value ?? null);
    },
    set(key, value, ttlMs) {
      values.set(key, { value, expiresAt: clock.now() + ttlMs });
      sweep();
      return Promise.resolve();
    },
    delete(key) {
      values.delete(key);
      return Promise.resolve();
    },
    takeSlot(key, limit, windowMs, id) {
      const now = clock.now();
      const starts = windows.get(key) ?? [];
      while (starts.length > 0 && (starts[0]?.at ?? 0) <= now - windowMs) starts.shift();
      windows.set(key, starts);
      if (starts.length < limit) {
        starts.push({ at: now, id });
        return Promise.resolve(0);
      }
      return Promise.resolve(Math.max(1, (starts[0]?.at ?? now) + windowMs - now));
    },
    retimeSlot(key, id) {
      const now = clock.now();
      const starts = (windows.get(key) ?? []).filter((s) => s.id !== id);
      starts.push({ at: now, id });
      starts.sort((a, b) => a.at - b.at);
      windows.set(key, starts);
      return Promise.resolve();
    },
    close() {
      values.clear();
      windows.clear();
      return Promise.resolve();
    },
  };
}
