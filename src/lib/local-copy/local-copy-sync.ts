// The local copy's engine: opens the copy, then resumes or starts the walk (walk-copy.ts), or
// refreshes a complete copy (refresh-copy.ts; the events cursor in apply-deleted-events.ts), and
// once an hour compares it with Kommo (check-copy.ts). It retries a failed sync by itself, falls back
// to memory when the browser refuses to keep the copy, and shares the copy with the other tabs of
// this browser (copy-tab-sharing.ts): one tab (holding the copy's lock) syncs, the others read what it writes.
import type { LeadsQuery } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import { abortableSleep, type Sleep } from '@/lib/api/abortable-sleep';
import { apiErrorFromThrown } from '@/lib/api/api-error';
import type { KommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage } from '@/lib/leads/leads-fetchers';
import { checkCopy } from './check-copy';
import { progressOf, usableMeta } from './copy-meta';
import { createTabSharing } from './copy-tab-sharing';
import { pageKommoClock, type KommoClock } from './kommo-clock';
import { createMemoryStore, LocalCopyGoneError, LocalCopyStorageError, type LocalCopyMeta, type LocalCopyStore } from './local-copy-store';
import type { LocalViewSlice, LocalViewTotals } from './local-leads-index';
import { NO_COPY, type LocalCopyState } from './local-copy-state';
import { refreshCopy } from './refresh-copy';
import { toShared } from './shared-copy-state';
import type { SyncEngine } from './sync-engine';
import { walkCopy } from './walk-copy';

/** A complete copy older than this answers nothing until a refresh has run. */
export const FRESH_FOR_MS = 15 * 60_000;
/** How long the walk steps aside after the user's own requests. */
const YIELD_MS = 400;

export type LocalCopySync = {
  getState(): LocalCopyState;
  subscribe(listener: () => void): () => void;
  /** Opens the copy, then resumes or starts the walk, or refreshes a complete copy. */
  start(): Promise<void>;
  pause(): void;
  resume(): Promise<void>;
  refresh(): Promise<void>;
  /** Compares the copy with Kommo now (it also runs after a refresh once an hour) and repairs what differs. */
  check(): Promise<void>;
  /** Complete and refreshed recently: views may be answered from it. */
  isFresh(): boolean;
  slice(query: LeadsQuery, offset: number, size: number): Promise<LocalViewSlice>;
  totals(query: LeadsQuery): Promise<LocalViewTotals>;
  /** Deletes the copy (IndexedDB included) and stops. */
  forget(): Promise<void>;
  dispose(): void;
};

export type LocalCopySyncOptions = {
  client: KommoClient;
  store: LocalCopyStore;
  now?: () => number;
  sleep?: Sleep;
  /** Called when Kommo answers 401: the copy is deleted first. */
  onUnauthorized?: () => void;
  /**
   * The verified origin this copy belongs to (inside Kommo the parent page's, from the handshake's
   * event.origin; standalone the app's own). A copy made under another one is never read: it is deleted.
   */
  origin: string;
  /** Where the copy goes when the browser refuses to keep it (default: memory). */
  fallbackStore?: () => LocalCopyStore;
  /** Waits before the automatic retries of a failed walk or refresh, the last one repeated. */
  retryDelaysMs?: readonly number[];
  /** Kommo's clock (its Date header) the cursors come from; default: the page's, fed by the app's transport. */
  kommoClock?: KommoClock;
};

/** A failed walk or refresh (429s, a dropped connection) tries again by itself: 15 s, 30 s, 1, 2, then every 5 min. */
export const RETRY_DELAYS_MS: readonly number[] = [15_000, 30_000, 60_000, 120_000, 300_000];

export function createLocalCopySync(options: LocalCopySyncOptions): LocalCopySync {
  const { client } = options;
  let store = options.store;
  const fallbackStore = options.fallbackStore ?? createMemoryStore;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const kommoClock = options.kommoClock ?? pageKommoClock;
  let meta: LocalCopyMeta | null = null;
  let state: LocalCopyState = {
    status: 'opening',
    ...NO_COPY,
    version: 0,
    persistent: store.persistent,
    storageRefused: false,
    role: 'syncing',
    gone: false,
    stale: false,
    lastCheck: null,
  };
  const listeners = new Set<() => void>();
  let controller: AbortController | null = null;
  let running: Promise<void> | null = null;
  let disposed = false;
  // Requests this engine made, to tell the user's own requests apart in the client's count.
  let ownRequests = 0;
  let othersSeen = 0;
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const cancelRetry = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };

  // The other tabs of this browser on the same copy: which one syncs, what it wrote, who takes over.
  const sharing = createTabSharing({
    get state() {
      return state;
    },
    set: (patch) => set(patch),
    get meta() {
      return meta;
    },
    set meta(next) {
      meta = next;
    },
    get store() {
      return store;
    },
    origin: options.origin,
    get disposed() {
      return disposed;
    },
    sync: () => run(startOrRefresh),
    becomeGone: () => becomeGone(),
  });

  const set = (patch: Partial<LocalCopyState>) => {
    const before = state;
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
    if (before.status !== state.status || before.error !== state.error || before.lastRefresh !== state.lastRefresh || before.stale !== state.stale)
      sharing.post({ type: 'state', state: toShared(state) });
  };
  async function write(upsert: readonly Lead[], remove: readonly number[], next: LocalCopyMeta, clear = false) {
    // Checked before every write: a tab that heard the copy was deleted never recreates it.
    if (state.gone) throw new LocalCopyGoneError('the local copy was deleted');
    const size = await store.apply({ upsert, remove, meta: next, clear });
    meta = next;
    set({ size, ...progressOf(next), version: upsert.length + remove.length > 0 || clear ? state.version + 1 : state.version });
    sharing.post({ type: 'changed', ids: clear ? [] : [...upsert.map((l) => l.id), ...remove], reset: clear, state: toShared(state) });
  }

  /** Steps aside while the user's own requests are coming in, so theirs go first in the limiter. */
  async function yieldToUser(signal: AbortSignal) {
    for (let i = 0; i < 10; i++) {
      const others = client.getState().requests - ownRequests;
      if (others === othersSeen) return;
      othersSeen = others;
      await sleep(YIELD_MS, signal);
    }
  }

  // What the walk, the refresh and the check read and change of this engine.
  const engine: SyncEngine = {
    client,
    origin: options.origin,
    now,
    kommoClock,
    get store() {
      return store;
    },
    get meta() {
      return meta;
    },
    set meta(next) {
      meta = next;
    },
    get state() {
      return state;
    },
    set,
    write,
    page(query: LeadsQuery, signal: AbortSignal) {
      ownRequests++;
      return fetchLeadsPage(client, query, signal);
    },
    countRequests(count) {
      ownRequests += count;
    },
    get ownRequests() {
      return ownRequests;
    },
    yieldToUser,
    walk: (signal, eventsAfter) => walkCopy(engine, signal, eventsAfter),
    refresh: (signal) => refreshCopy(engine, signal),
    check: (signal) => checkCopy(engine, signal),
  };

  async function fail(thrown: unknown) {
    if (thrown instanceof LocalCopyGoneError) return becomeGone();
    const error = apiErrorFromThrown(thrown);
    if (error.kind === 'unauthorized') {
      // The token or session is no longer good: the copy may hold what this user can no longer see.
      await forgetNow();
      options.onUnauthorized?.();
      return;
    }
    set({ status: 'error', error });
    // Views keep answering from the copy only while it is fresh: try again by itself, later each time.
    cancelRetry();
    const delay = retryDelays[Math.min(failures, retryDelays.length - 1)];
    failures++;
    if (delay !== undefined && !disposed) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        void run(startOrRefresh);
      }, delay);
    }
  }

  async function run(task: (signal: AbortSignal) => Promise<void>) {
    if (running || disposed || state.gone) return running ?? undefined;
    // Another tab syncs: it is asked to, and this one reads what it writes.
    if (state.role === 'reading') return sharing.askToSync();
    const own = new AbortController();
    controller = own;
    running = (async () => {
      cancelRetry();
      try {
        await task(own.signal);
        if (!own.signal.aborted) failures = 0;
      } catch (thrown) {
        if (own.signal.aborted) return;
        if (thrown instanceof LocalCopyGoneError) return becomeGone();
        if (!(thrown instanceof LocalCopyStorageError) || !store.persistent) return await fail(thrown);
        // Quota full or storage refused mid-sync: the views still answer, from memory, this page view.
        fallBackToMemory();
        try {
          await startOrRefresh(own.signal);
        } catch (again) {
          if (!own.signal.aborted) await fail(again);
        }
      } finally {
        if (controller === own) controller = null;
        running = null;
      }
    })();
    return running;
  }

  function fallBackToMemory() {
    const refused = store;
    // Whatever it managed to keep goes: a copy the browser cut short is not a copy.
    void refused.destroy().then(
      () => refused.close(),
      () => refused.close(),
    );
    store = fallbackStore();
    meta = null;
    // A copy in this tab's memory is its own: no other tab reads it, nor waits for this one.
    sharing.leave();
    set({ ...NO_COPY, persistent: store.persistent, storageRefused: true, version: state.version + 1 });
  }

  async function forgetNow() {
    controller?.abort();
    meta = null;
    await store.destroy();
    // Every other tab stops reading it and never writes it again (the database's versionchange says
    // the same to those that hold it open).
    sharing.announceForgotten();
    set({ status: 'paused', ...NO_COPY, version: state.version + 1 });
  }

  /** The copy was deleted elsewhere: stop, answer nothing, never write again. */
  function becomeGone() {
    if (state.gone) return;
    cancelRetry();
    controller?.abort();
    meta = null;
    sharing.end();
    set({ status: 'paused', ...NO_COPY, gone: true, version: state.version + 1 });
  }

  const startOrRefresh = (signal: AbortSignal) => (meta?.phase === 'complete' ? refreshCopy(engine, signal) : walkCopy(engine, signal));

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async start() {
      set({ status: 'opening' });
      sharing.listen();
      try {
        const opened = await store.open().catch(async (thrown: unknown) => {
          if (!(thrown instanceof LocalCopyStorageError) || !store.persistent) throw thrown;
          fallBackToMemory();
          return store.open();
        });
        if (opened.meta !== null && !usableMeta(opened.meta, options.origin)) {
          // Made under another origin (or in an older shape): neither read nor kept.
          await store.destroy();
          await store.open();
          meta = null;
          set({ size: 0, version: state.version + 1 });
        } else {
          meta = opened.meta;
          set({ size: opened.size, ...(meta ? progressOf(meta) : {}), version: state.version + 1 });
        }
      } catch (thrown) {
        set({ status: 'error', error: apiErrorFromThrown(thrown) });
        return;
      }
      othersSeen = client.getState().requests - ownRequests;
      if (state.gone) return;
      // Another tab may sync this copy: then this one reads it, and syncs once that tab closes.
      if (await sharing.join()) await run(startOrRefresh);
    },
    pause() {
      if (!controller || state.role === 'reading') return;
      controller.abort();
      set({ status: meta?.phase === 'complete' ? 'ready' : 'paused' });
    },
    async resume() {
      await running;
      await run(startOrRefresh);
    },
    async refresh() {
      await running;
      await run(startOrRefresh);
    },
    async check() {
      await running;
      await run((signal) => (meta?.phase === 'complete' ? checkCopy(engine, signal) : Promise.resolve()));
    },
    isFresh() {
      return (
        meta?.phase === 'complete' && meta.syncedAt !== null && now() - meta.syncedAt < FRESH_FOR_MS && state.status !== 'opening' && !state.stale
      );
    },
    slice: (query, offset, size) => store.slice(query, offset, size),
    totals: (query) => store.totals(query),
    async forget() {
      cancelRetry();
      controller?.abort();
      await running;
      await forgetNow();
      // This tab no longer waits to sync a copy it deleted, nor holds others back.
      sharing.leave();
    },
    dispose() {
      disposed = true;
      cancelRetry();
      controller?.abort();
      // The lock goes to the next tab waiting for it.
      sharing.end();
      store.close();
      listeners.clear();
    },
  };
}
