// Copies carry an age limit: one not brought in step with Kommo for longer than this is not used when
// opened. It is deleted and made anew (the user is told), rather than replaying weeks of changes into
// data the browser kept unused all that time.
import type { LocalCopyStore } from './local-copy-store';

/** 30 days since the copy last agreed with Kommo. */
export const MAX_COPY_AGE_MS = 30 * 24 * 60 * 60_000;

/** The store, with an opening that deletes a copy older than `maxAgeMs` (and says so through `onExpired`). */
export function withAgeLimit(store: LocalCopyStore, maxAgeMs: number, now: () => number, onExpired: () => void): LocalCopyStore {
  return {
    get persistent() {
      return store.persistent;
    },
    get coordination() {
      return store.coordination;
    },
    async open() {
      const opened = await store.open();
      const syncedAt = opened.meta?.syncedAt ?? null;
      if (syncedAt === null || now() - syncedAt <= maxAgeMs) return opened;
      await store.destroy();
      onExpired();
      return store.open();
    },
    apply: (change) => store.apply(change),
    reload: (ids) => store.reload(ids),
    onGone: (listener) => store.onGone(listener),
    slice: (query, offset, size) => store.slice(query, offset, size),
    totals: (query) => store.totals(query),
    destroy: () => store.destroy(),
    close: () => store.close(),
  };
}
