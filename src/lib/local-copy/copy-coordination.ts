// How the tabs of one browser profile share one copy: one tab syncs (it holds the copy's Web Lock,
// exclusive, named by the copy), the others read the copy it writes and hear about each write on
// the copy's BroadcastChannel; when the syncing tab closes, the browser hands the lock to the next.
// A "Forget local data" in any tab is heard by all of them, and none of them writes again.

/** `S`: what the syncing tab says of itself (its status, error, last refresh), as the sync engine defines it. */
export type CopyMessage<S = unknown> =
  /** The syncing tab wrote these leads (kept or removed) and the meta: read them from the copy. */
  | { type: 'changed'; ids: number[]; reset: boolean; state: S }
  | { type: 'state'; state: S }
  /** A reading tab opened (the syncing one says where it stands) or asks for a refresh. */
  | { type: 'hello' }
  | { type: 'refresh' }
  /** Someone forgot the copy: it is deleted, nobody writes to it again. */
  | { type: 'forgotten' };

export type CopyChannel = {
  post(message: CopyMessage): void;
  /** Messages come from this origin's other tabs, but their shape is checked by the reader all the same. */
  subscribe(listener: (message: CopyMessage) => void): () => void;
  close(): void;
};

/** Lets go of the lock. */
export type ReleaseLock = () => void;

export type CopyLock = {
  /** The copy's lock if no tab holds it now, else null at once. */
  tryAcquire(): Promise<ReleaseLock | null>;
  /** Waits for the lock (the holder's tab closes, or lets go); null when `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<ReleaseLock | null>;
};

export type CopyCoordination = { lock: CopyLock; channel: CopyChannel };

const isCopyMessage = (data: unknown): data is CopyMessage =>
  typeof data === 'object' && data !== null && 'type' in data && typeof data.type === 'string';

/** Web Locks and BroadcastChannel, where the browser has both (every current one); else null: the tab syncs alone. */
export function browserCoordination(name: string): CopyCoordination | null {
  try {
    if (typeof BroadcastChannel === 'undefined' || typeof navigator === 'undefined' || navigator.locks === undefined) return null;
    const locks = navigator.locks;
    const broadcast = new BroadcastChannel(`klb-copy:${name}`);
    const listeners = new Set<(message: CopyMessage) => void>();
    // Same origin only, by the browser's rule: no other site can post here.
    broadcast.onmessage = (event: MessageEvent<unknown>) => {
      if (!isCopyMessage(event.data)) return;
      for (const listener of [...listeners]) listener(event.data);
    };
    return {
      lock: {
        tryAcquire: () => hold(locks, name, { mode: 'exclusive', ifAvailable: true }),
        acquire: (signal) => hold(locks, name, { mode: 'exclusive', signal }),
      },
      channel: {
        post: (message) => broadcast.postMessage(message),
        subscribe(listener) {
          listeners.add(listener);
          return () => {
            listeners.delete(listener);
          };
        },
        close: () => broadcast.close(),
      },
    };
  } catch {
    return null;
  }
}

/** A Web Lock held until the returned function is called; null when not granted (busy, or aborted). */
function hold(locks: LockManager, name: string, options: LockOptions): Promise<ReleaseLock | null> {
  return new Promise((resolve, reject) => {
    locks
      .request(`klb-copy:${name}`, options, (lock) => {
        if (lock === null) return resolve(null);
        // The lock is held while this promise is pending.
        return new Promise<void>((release) => resolve(release));
      })
      .catch((error: unknown) => {
        if (options.signal?.aborted) resolve(null);
        else reject(error instanceof Error ? error : new Error(String(error)));
      });
  });
}
