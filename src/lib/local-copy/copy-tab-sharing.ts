// The tabs of one browser profile sharing one copy, as the sync engine (local-copy-sync.ts) sees it:
// the tab that holds the copy's lock syncs and tells the others what it wrote; the others read the
// copy, ask the syncing tab for a refresh, and take over when it closes. The lock and channel are
// copy-coordination.ts; tested through two engines on one database in local-copy-tabs.test.ts.
import type { CopyCoordination, CopyMessage, ReleaseLock } from './copy-coordination';
import { progressOf, usableMeta } from './copy-meta';
import { LocalCopyGoneError, type LocalCopyMeta, type LocalCopyStore } from './local-copy-store';
import { NO_COPY, type LocalCopyState } from './local-copy-state';
import { readShared, sharedPatch, toShared, type SharedState } from './shared-copy-state';

/** What the sharing reads and changes of its engine. */
export type TabSharingHost = {
  readonly state: LocalCopyState;
  set(patch: Partial<LocalCopyState>): void;
  meta: LocalCopyMeta | null;
  /** The store in use (memory, with no coordination, once the browser refused to keep the copy). */
  readonly store: LocalCopyStore;
  /** The verified origin the copy belongs to: a meta of another is not read. */
  readonly origin: string;
  readonly disposed: boolean;
  /** Walks or refreshes the copy now (this tab syncs it). */
  sync(): Promise<void>;
  /** The copy was deleted elsewhere: the engine stops for good. */
  becomeGone(): void;
};

export type TabSharing = {
  /** Tells the other tabs, while this one syncs. */
  post(message: CopyMessage<SharedState>): void;
  /** Before the copy opens: listens, keeping what the syncing tab says until the role is known. */
  listen(): void;
  /**
   * Once the copy is open: true when this tab syncs it now (it holds the lock, or syncs alone); false
   * when another tab does (this one reads, and syncs once that tab closes) or the copy is gone.
   */
  join(): Promise<boolean>;
  /** A reading tab's refresh: the syncing tab is asked to run it. */
  askToSync(): void;
  /** This tab deleted the copy: every other tab stops reading it and never writes it again. */
  announceForgotten(): void;
  /** The copy becomes this tab's own (memory, or deleted here): no other tab reads it, nor waits for this one. */
  leave(): void;
  /** Lets go of the lock (to the next tab waiting) and stops listening. */
  end(): void;
};

export function createTabSharing(host: TabSharingHost): TabSharing {
  // The tabs sharing the copy (none: this tab syncs alone); the lock once this tab holds it.
  let coordination: CopyCoordination | null = null;
  let releaseLock: ReleaseLock | null = null;
  /** Aborted when the engine ends (dispose, forget, gone): stops waiting for the lock. */
  const lifetime = new AbortController();
  const unsubscribers: (() => void)[] = [];
  /** Reloads asked by the syncing tab, one after another. */
  let reading: Promise<void> = Promise.resolve();
  const heardWhileOpening: CopyMessage[] = [];

  const post = (message: CopyMessage<SharedState>) => {
    if (coordination !== null && host.state.role === 'syncing' && !host.state.gone) coordination.channel.post(message);
  };

  function end() {
    lifetime.abort();
    releaseLock?.();
    releaseLock = null;
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  }

  /** Reads what the syncing tab wrote (the leads it names, or all of them after a reset) and where it stands. */
  function follow(ids: number[], reset: boolean, holder: SharedState | null) {
    reading = reading.then(async () => {
      if (host.state.gone || host.state.role !== 'reading') return;
      try {
        const reloaded = reset ? await host.store.open() : await host.store.reload(ids);
        if (host.state.gone || host.state.role !== 'reading') return;
        host.meta = usableMeta(reloaded.meta, host.origin) ? reloaded.meta : null;
        host.set({
          size: reloaded.size,
          ...(host.meta ? progressOf(host.meta) : NO_COPY),
          ...(holder ? sharedPatch(holder) : {}),
          version: host.state.version + 1,
        });
      } catch (thrown) {
        if (thrown instanceof LocalCopyGoneError) host.becomeGone();
      }
    });
  }

  function onMessage(message: CopyMessage) {
    if (message.type === 'forgotten') return host.becomeGone();
    if (host.state.role === 'syncing') {
      if (message.type === 'hello') post({ type: 'state', state: toShared(host.state) });
      else if (message.type === 'refresh') void host.sync();
      return;
    }
    if (message.type === 'changed') follow(message.ids, message.reset, readShared(message.state));
    else if (message.type === 'state') {
      const holder = readShared(message.state);
      if (holder) host.set(sharedPatch(holder));
    }
  }

  /** Waits for the copy's lock while reading; once this tab holds it, it syncs from where the copy stands. */
  async function takeOverWhenFree(lock: CopyCoordination['lock']) {
    const release = await lock.acquire(lifetime.signal);
    if (release === null) return;
    if (host.state.gone || host.disposed) return release();
    releaseLock = release;
    await reading;
    try {
      // The last holder may have written after its last message: the copy itself says where it stands.
      const opened = await host.store.open();
      host.meta = usableMeta(opened.meta, host.origin) ? opened.meta : null;
      host.set({ role: 'syncing', size: opened.size, ...(host.meta ? progressOf(host.meta) : NO_COPY), version: host.state.version + 1 });
    } catch (thrown) {
      if (thrown instanceof LocalCopyGoneError) return host.becomeGone();
      host.set({ role: 'syncing' });
    }
    await host.sync();
  }

  return {
    post,
    listen() {
      // Listening before opening: what the syncing tab writes meanwhile is read again once the role is known.
      const store = host.store;
      if (store.coordination === null) return;
      const channel = store.coordination.channel;
      unsubscribers.push(
        channel.subscribe((message) => (coordination === null && !host.state.gone ? heardWhileOpening.push(message) : onMessage(message))),
      );
      unsubscribers.push(store.onGone(() => host.becomeGone()));
    },
    async join() {
      const shared = host.store.coordination;
      if (shared === null) return true;
      const release = await shared.lock.tryAcquire();
      coordination = shared;
      if (host.state.gone || host.disposed) {
        release?.();
        return false;
      }
      const missed = heardWhileOpening.flatMap((m) => (m.type === 'changed' ? [m] : []));
      if (heardWhileOpening.some((m) => m.type === 'forgotten')) {
        host.becomeGone();
        return false;
      }
      if (release === null) {
        // Another tab syncs this copy: read it, and take over when that tab closes.
        host.set({ role: 'reading', status: host.meta?.phase === 'complete' ? 'ready' : 'walking' });
        for (const m of missed) follow(m.ids, m.reset, null);
        shared.channel.post({ type: 'hello' });
        void takeOverWhenFree(shared.lock);
        return false;
      }
      releaseLock = release;
      // Written by the tab that synced until a moment ago, after this one opened the copy.
      if (missed.length > 0) {
        try {
          const reloaded = missed.some((m) => m.reset) ? await host.store.open() : await host.store.reload(missed.flatMap((m) => m.ids));
          host.meta = usableMeta(reloaded.meta, host.origin) ? reloaded.meta : null;
          host.set({ size: reloaded.size, ...(host.meta ? progressOf(host.meta) : NO_COPY), version: host.state.version + 1 });
        } catch (thrown) {
          if (thrown instanceof LocalCopyGoneError) {
            host.becomeGone();
            return false;
          }
        }
      }
      return true;
    },
    askToSync() {
      coordination?.channel.post({ type: 'refresh' });
    },
    announceForgotten() {
      coordination?.channel.post({ type: 'forgotten' });
    },
    leave() {
      end();
      coordination = null;
      if (host.state.role !== 'syncing') host.set({ role: 'syncing' });
    },
    end,
  };
}
