// Keeps the local copy in step with Kommo. The first sync walks every lead in id order (new leads get
// larger ids, so a walk never sees one twice), 250 a page, one batch of pages at a time, through the
// app's one rate-limited client; its place is saved after every batch, so a reload resumes there.
// A refresh asks only for leads updated since the last one (with an overlap for clock skew and equal
// timestamps) and for lead_deleted events since then: one request each when little has changed.
import type { LeadWith, LeadsQuery } from '../../kommo/leads-query';
import type { Lead } from '../../kommo/schemas';
import { abortableSleep, type Sleep } from '../api/abortable-sleep';
import { apiErrorFromThrown, type ApiError } from '../api/api-error';
import type { KommoClient } from '../api/kommo-client';
import { fetchLeadsPage } from '../api/leads-fetchers';
import { fetchDeletedLeads } from './deleted-leads-fetcher';
import { createMemoryStore, LocalCopyStorageError, type LocalCopyMeta, type LocalCopyStore } from './local-copy-store';
import type { LocalViewSlice, LocalViewTotals } from './local-leads-index';

/** Everything a view may show, so any view can be answered from the copy. */
export const SYNC_WITH: LeadWith[] = ['contacts', 'loss_reason', 'catalog_elements', 'is_price_modified_by_robot', 'source_id'];
export const SYNC_PAGE_SIZE = 250;
/** Pages requested together: keeps the client's limiter busy without queueing far ahead of the user. */
const WALK_BATCH = 2;
/** Seconds read again before the last refresh: clock skew between us and Kommo, equal timestamps. */
export const REFRESH_OVERLAP_SECONDS = 300;
/** A complete copy older than this answers nothing until a refresh has run. */
export const FRESH_FOR_MS = 15 * 60_000;
/** How long the walk steps aside after the user's own requests. */
const YIELD_MS = 400;

export type LocalCopyStatus = 'opening' | 'walking' | 'paused' | 'refreshing' | 'ready' | 'error';

export type LocalCopyState = {
  status: LocalCopyStatus;
  /** Leads in the copy. */
  size: number;
  complete: boolean;
  pages: number;
  elapsedMs: number;
  /** Pages a second over the walk so far. */
  ratePerSecond: number;
  syncedAt: number | null;
  error: ApiError | null;
  /** The last refresh: requests it took, leads it updated and removed. */
  lastRefresh: { requests: number; updated: number; removed: number } | null;
  /** Bumped whenever the copy's content changes. */
  version: number;
  /** False when the copy lives in memory only (this page view). */
  persistent: boolean;
  /** The browser refused to keep the copy (quota full, storage refused): it fell back to memory. */
  storageRefused: boolean;
};

export type LocalCopySync = {
  getState(): LocalCopyState;
  subscribe(listener: () => void): () => void;
  /** Opens the copy, then resumes or starts the walk, or refreshes a complete copy. */
  start(): Promise<void>;
  pause(): void;
  resume(): Promise<void>;
  refresh(): Promise<void>;
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
};

function initialMeta(nowMs: number, origin: string): LocalCopyMeta {
  return {
    version: 1,
    origin,
    phase: 'walking',
    nextPage: 1,
    pages: 0,
    walkElapsedMs: 0,
    walkRequests: 0,
    syncedAt: null,
    refreshFrom: Math.floor(nowMs / 1000),
    maxUpdatedAt: 0,
    maxEventAt: null,
  };
}

/** What the state says of a copy that is not there (before opening, and after "Forget local data"). */
const NO_COPY = {
  size: 0,
  complete: false,
  pages: 0,
  elapsedMs: 0,
  ratePerSecond: 0,
  syncedAt: null,
  error: null,
  lastRefresh: null,
} satisfies Omit<LocalCopyState, 'status' | 'version' | 'persistent' | 'storageRefused'>;

const maxUpdated = (leads: readonly Lead[], start: number) => leads.reduce((m, l) => Math.max(m, l.updated_at), start);

export function createLocalCopySync(options: LocalCopySyncOptions): LocalCopySync {
  const { client } = options;
  let store = options.store;
  const fallbackStore = options.fallbackStore ?? createMemoryStore;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  let meta: LocalCopyMeta | null = null;
  let state: LocalCopyState = { status: 'opening', ...NO_COPY, version: 0, persistent: store.persistent, storageRefused: false };
  const listeners = new Set<() => void>();
  let controller: AbortController | null = null;
  let running: Promise<void> | null = null;
  let disposed = false;
  // Requests this engine made, to tell the user's own requests apart in the client's count.
  let ownRequests = 0;
  let othersSeen = 0;

  const set = (patch: Partial<LocalCopyState>) => {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  };
  const progressOf = (m: LocalCopyMeta): Partial<LocalCopyState> => ({
    complete: m.phase === 'complete',
    pages: m.pages,
    elapsedMs: m.walkElapsedMs,
    ratePerSecond: m.walkElapsedMs > 0 ? m.walkRequests / (m.walkElapsedMs / 1000) : 0,
    syncedAt: m.syncedAt,
  });

  async function write(upsert: readonly Lead[], remove: readonly number[], next: LocalCopyMeta) {
    const size = await store.apply({ upsert, remove, meta: next });
    meta = next;
    set({ size, ...progressOf(next), version: upsert.length + remove.length > 0 ? state.version + 1 : state.version });
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

  async function page(query: LeadsQuery, signal: AbortSignal) {
    ownRequests++;
    return fetchLeadsPage(client, query, signal);
  }

  async function walk(signal: AbortSignal) {
    let current = meta ?? initialMeta(now(), options.origin);
    if (!meta) await write([], [], current);
    set({ status: 'walking', error: null });
    let pendingWrite: Promise<void> = Promise.resolve();
    while (current.phase === 'walking') {
      await yieldToUser(signal);
      const started = now();
      const numbers = Array.from({ length: WALK_BATCH }, (_, i) => current.nextPage + i);
      const results = await Promise.all(
        numbers.map((n) => page({ with: SYNC_WITH, order: { field: 'id', direction: 'asc' }, page: n, limit: SYNC_PAGE_SIZE }, signal)),
      );
      const leads: Lead[] = [];
      let done = false;
      let fetched = 0;
      for (const result of results) {
        if (done) break;
        fetched++;
        leads.push(...result.leads);
        if (!result.hasNext || result.leads.length === 0) done = true;
      }
      const next: LocalCopyMeta = {
        ...current,
        nextPage: current.nextPage + fetched,
        pages: current.pages + fetched,
        walkRequests: current.walkRequests + results.length,
        walkElapsedMs: current.walkElapsedMs + (now() - started),
        maxUpdatedAt: maxUpdated(leads, current.maxUpdatedAt),
        phase: done ? 'complete' : 'walking',
      };
      // The next batch is fetched while this one is written; writes stay in order.
      await pendingWrite;
      pendingWrite = write(leads, [], next);
      // Awaited before the next write; a failure meanwhile must not surface as an unhandled rejection.
      pendingWrite.catch(() => undefined);
      current = next;
    }
    await pendingWrite;
    // Leads changed or deleted while the walk went on are caught by the refresh from its start.
    await refreshOnce(signal);
  }

  async function refreshOnce(signal: AbortSignal) {
    const base = meta;
    if (!base || base.phase !== 'complete') return;
    set({ status: 'refreshing', error: null });
    const startedAt = Math.floor(now() / 1000);
    const from = Math.min(base.refreshFrom, base.maxUpdatedAt || base.refreshFrom) - REFRESH_OVERLAP_SECONDS;
    let requests = 0;
    const changed = new Map<number, Lead>();
    for (let n = 1; ; n++) {
      requests++;
      const result = await page(
        { with: SYNC_WITH, filter: { updated_at: { from } }, order: { field: 'updated_at', direction: 'asc' }, page: n, limit: SYNC_PAGE_SIZE },
        signal,
      );
      for (const lead of result.leads) changed.set(lead.id, lead);
      if (!result.hasNext || result.leads.length === 0) break;
    }
    const eventsFrom = Math.min(base.refreshFrom, base.maxEventAt ?? base.refreshFrom) - REFRESH_OVERLAP_SECONDS;
    const events = await fetchDeletedLeads(client, eventsFrom, signal);
    ownRequests += events.requests;
    requests += events.requests;
    // A lead restored after its deletion comes back updated later than the event: keep it.
    const removed = events.deleted.filter((d) => (changed.get(d.id)?.updated_at ?? Number.NEGATIVE_INFINITY) < d.at).map((d) => d.id);
    for (const id of removed) changed.delete(id);
    const upsert = [...changed.values()];
    const next: LocalCopyMeta = {
      ...base,
      syncedAt: now(),
      refreshFrom: startedAt,
      maxUpdatedAt: maxUpdated(upsert, base.maxUpdatedAt),
      maxEventAt: events.deleted.reduce<number | null>((m, d) => Math.max(m ?? 0, d.at), base.maxEventAt),
    };
    await write(upsert, removed, next);
    set({ status: 'ready', lastRefresh: { requests, updated: upsert.length, removed: removed.length } });
  }

  async function fail(thrown: unknown) {
    const error = apiErrorFromThrown(thrown);
    if (error.kind === 'unauthorized') {
      // The token or session is no longer good: the copy may hold what this user can no longer see.
      await forgetNow();
      options.onUnauthorized?.();
      return;
    }
    set({ status: 'error', error });
  }

  async function run(task: (signal: AbortSignal) => Promise<void>) {
    if (running || disposed) return running ?? undefined;
    const own = new AbortController();
    controller = own;
    running = (async () => {
      try {
        await task(own.signal);
      } catch (thrown) {
        if (own.signal.aborted) return;
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
    set({ ...NO_COPY, persistent: store.persistent, storageRefused: true, version: state.version + 1 });
  }

  async function forgetNow() {
    controller?.abort();
    meta = null;
    await store.destroy();
    set({ status: 'paused', ...NO_COPY, version: state.version + 1 });
  }

  const startOrRefresh = (signal: AbortSignal) => (meta?.phase === 'complete' ? refreshOnce(signal) : walk(signal));

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
      try {
        const opened = await store.open().catch(async (thrown: unknown) => {
          if (!(thrown instanceof LocalCopyStorageError) || !store.persistent) throw thrown;
          fallBackToMemory();
          return store.open();
        });
        if (opened.meta !== null && opened.meta.origin !== options.origin) {
          // Made under another origin (or before copies knew theirs): neither read nor kept.
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
      await run(startOrRefresh);
    },
    pause() {
      if (!controller) return;
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
    isFresh() {
      return meta?.phase === 'complete' && meta.syncedAt !== null && now() - meta.syncedAt < FRESH_FOR_MS && state.status !== 'opening';
    },
    slice: (query, offset, size) => store.slice(query, offset, size),
    totals: (query) => store.totals(query),
    async forget() {
      controller?.abort();
      await running;
      await forgetNow();
    },
    dispose() {
      disposed = true;
      controller?.abort();
      store.close();
      listeners.clear();
    },
  };
}
