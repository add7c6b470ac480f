// Test support only: Web Locks and BroadcastChannel of one browser profile, in memory. Every
// `coordination()` is one tab's; messages reach the other tabs a task later, as in a browser.
import type { CopyCoordination, CopyMessage, ReleaseLock } from './copy-coordination';

type Waiter = { signal: AbortSignal; grant: () => void };

export function createMemoryCoordinationHub() {
  let held = false;
  const queue: Waiter[] = [];
  const tabs = new Set<(message: CopyMessage) => void>();
  const delivered: CopyMessage[] = [];

  const grantNext = () => {
    while (!held && queue.length > 0) {
      const next = queue.shift() as Waiter;
      if (!next.signal.aborted) next.grant();
    }
  };
  const take = (): ReleaseLock | null => {
    if (held) return null;
    held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held = false;
      // The next waiting tab gets it a task later, as the browser would.
      setTimeout(grantNext, 0);
    };
  };

  return {
    /** Every message posted, in order. */
    delivered,
    isHeld: () => held,
    coordination(): CopyCoordination {
      const listeners = new Set<(message: CopyMessage) => void>();
      const receive = (message: CopyMessage) => {
        for (const listener of [...listeners]) listener(message);
      };
      tabs.add(receive);
      return {
        lock: {
          tryAcquire: () => Promise.resolve(take()),
          acquire(signal) {
            const now = take();
            if (now !== null || signal.aborted) return Promise.resolve(now);
            return new Promise<ReleaseLock | null>((resolve) => {
              signal.addEventListener('abort', () => resolve(null), { once: true });
              queue.push({ signal, grant: () => resolve(take()) });
            });
          },
        },
        channel: {
          post(message) {
            delivered.push(message);
            // structuredClone: a tab never shares objects with another.
            for (const tab of tabs) if (tab !== receive) setTimeout(() => tab(structuredClone(message)), 0);
          },
          subscribe(listener) {
            listeners.add(listener);
            return () => {
              listeners.delete(listener);
            };
          },
          close() {
            tabs.delete(receive);
          },
        },
      };
    },
  };
}
