// Keeps the local copy in step with Kommo. The first sync walks every lead by a moving updated_at
// lower bound (oldest change first, 250 a page, the ids at the boundary second skipped), never by
// offset: a lead deleted or changed meanwhile cannot shift a page over another one (Kommo has no
// cursor of its own); a lead changed during the walk moves behind the bound and is read again. Its
// place is saved after every page, so a reload resumes there. A refresh reads the same way from the
// anchor (Kommo's own clock: the newest updated_at or event time it reported), and the lead_deleted
// events since then, each applied once. An incomplete event log (too many deletions) re-walks.
import type { LeadWith, LeadsQuery } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import { abortableSleep, type Sleep } from '@/lib/api/abortable-sleep';
import { ApiError, apiErrorFromThrown, type ApiErrorKind } from '@/lib/api/api-error';
import type { KommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage } from '@/lib/leads/leads-fetchers';
import { checkAgainstKommo } from './anti-entropy';
import type { CopyCoordination, CopyMessage, ReleaseLock } from './copy-coordination';
import { fetchDeletedLeads } from './deleted-leads-fetcher';
import { leadsChangedInCopy } from './leads-changed-in-copy';
import { pageKommoClock, type KommoClock } from './kommo-clock';
import {
  createMemoryStore,
  LocalCopyGoneError,
  LocalCopyStorageError,
  type LastCheck,
  type LocalCopyMeta,
  type LocalCopyStore,
  type WalkPosition,
} from './local-copy-store';
import type { LocalViewSlice, LocalViewTotals } from './local-leads-index';

/** Everything a view may show, so any view can be answered from the copy. */
export const SYNC_WITH: LeadWith[] = ['contacts', 'loss_reason', 'catalog_elements', 'is_price_modified_by_robot', 'source_id'];
export const SYNC_PAGE_SIZE = 250;
/** Seconds read again before the anchor: equal timestamps, and changes Kommo reports a little late. */
export const REFRESH_OVERLAP_SECONDS = 300;
/** A complete copy older than this answers nothing until a refresh has run. */
export const FRESH_FOR_MS = 15 * 60_000;
/** How often a refresh is followed by a comparison with Kommo (anti-entropy). */
export const CHECK_EVERY_MS = 60 * 60_000;
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
  /** 'reading': another tab of this browser syncs the copy (it holds the copy's lock); this one reads it. */
  role: 'syncing' | 'reading';
  /** The copy was deleted by another tab (or a 401): this engine never writes nor answers again. */
  gone: boolean;
  /** The last comparison with Kommo found parts that differ, not yet repaired: views go live meanwhile. */
  stale: boolean;
  /** The last comparison with Kommo (kept in the copy's meta: every tab reading it knows it too). */
  lastCheck: LastCheck | null;
};

/** What the syncing tab tells the others about itself (an error as plain data: messages are cloned). */
type SharedState = Pick<LocalCopyState, 'status' | 'lastRefresh' | 'stale'> & {
  error: { kind: ApiErrorKind; status: number | null; detail: string } | null;
};

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

function initialMeta(origin: string): LocalCopyMeta {
  return {
    version: 2,
    origin,
    phase: 'walking',
    walk: { from: 0, boundaryIds: [], tiePage: 1 },
    pages: 0,
    walkElapsedMs: 0,
    walkRequests: 0,
    syncedAt: null,
    anchor: 0,
    appliedEvents: [],
  };
}

/** A stored meta this engine can continue from (an older shape walks anew). */
function usableMeta(meta: LocalCopyMeta | null, origin: string): meta is LocalCopyMeta {
  return meta !== null && meta.version === 2 && meta.origin === origin;
}

/**
 * The position after a page read from `at`: past the page's newest second, with the ids of that
 * second, or (a whole page of one second) the next page of that second.
 */
export function nextWalkPosition(at: WalkPosition, leads: readonly Lead[]): WalkPosition {
  const newest = leads.reduce((m, l) => Math.max(m, l.updated_at), at.from);
  const boundary = leads.filter((l) => l.updated_at === newest).map((l) => l.id);
  if (newest > at.from) return { from: newest, boundaryIds: boundary, tiePage: 1 };
  return { from: at.from, boundaryIds: [...new Set([...at.boundaryIds, ...boundary])], tiePage: at.tiePage + 1 };
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
  stale: false,
  lastCheck: null,
} satisfies Omit<LocalCopyState, 'status' | 'version' | 'persistent' | 'storageRefused' | 'role' | 'gone'>;

const maxUpdated = (leads: readonly Lead[], start: number) => leads.reduce((m, l) => Math.max(m, l.updated_at), start);

/** Every lead updated from a position on, by the moving bound; `onPage` stores each page as it comes. */
async function readFrom(
  page: (query: LeadsQuery, signal: AbortSignal) => Promise<{ leads: Lead[]; hasNext: boolean }>,
  start: WalkPosition,
  signal: AbortSignal,
  onPage: (leads: Lead[], next: WalkPosition, done: boolean) => Promise<void>,
  /** Awaited before each next page is asked (the walk steps aside for the user's requests there). */
  beforeNext: (signal: AbortSignal) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const ask = (position: WalkPosition) => {
    const asked = page(
      {
        with: SYNC_WITH,
        filter: { updated_at: { from: position.from } },
        order: { field: 'updated_at', direction: 'asc' },
        page: position.tiePage,
        limit: SYNC_PAGE_SIZE,
      },
      signal,
    );
    // Awaited below; until then a failure (an abort) must not surface as unhandled.
    asked.catch(() => undefined);
    return asked;
  };
  let at = start;
  let pending = ask(at);
  for (;;) {
    const result = await pending;
    const boundary = new Set(at.boundaryIds);
    const fresh = result.leads.filter((l) => !(l.updated_at === at.from && boundary.has(l.id)));
    const next = nextWalkPosition(at, result.leads);
    const done = !result.hasNext || result.leads.length < SYNC_PAGE_SIZE;
    // The next page depends only on this one's leads: it is asked while this one is stored (packing
    // and IndexedDB in the worker), so the walk waits for Kommo or for storage, not for both in turn.
    // Pages are still stored one after another, and the saved position is the last stored page's.
    const stored = onPage(fresh, next, done);
    stored.catch(() => undefined);
    if (!done) {
      await beforeNext(signal);
      pending = ask(next);
    }
    await stored;
    if (done) return;
    at = next;
  }
}

const STATUSES: readonly LocalCopyStatus[] = ['opening', 'walking', 'paused', 'refreshing', 'ready', 'error'];

/** Another tab's message, checked before use: a tab of another build may speak an older shape. */
function readShared(value: unknown): SharedState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<SharedState>;
  if (typeof v.status !== 'string' || !STATUSES.includes(v.status)) return null;
  return { status: v.status, lastRefresh: v.lastRefresh ?? null, error: v.error ?? null, stale: v.stale === true };
}

function sharedPatch(holder: SharedState): Partial<LocalCopyState> {
  return {
    status: holder.status,
    lastRefresh: holder.lastRefresh,
    stale: holder.stale,
    error: holder.error === null ? null : new ApiError({ kind: holder.error.kind, status: holder.error.status, detail: holder.error.detail }),
  };
}

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
  let pageStartedAt: number | null = null;
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const cancelRetry = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };

  // The tabs sharing the copy (none: this tab syncs alone); the lock once this tab holds it.
  let coordination: CopyCoordination | null = null;
  let releaseLock: ReleaseLock | null = null;
  /** Aborted when this engine ends (dispose, forget, gone): stops waiting for the lock. */
  const lifetime = new AbortController();
  const unsubscribers: (() => void)[] = [];
  /** Reloads asked by the syncing tab, one after another. */
  let reading: Promise<void> = Promise.resolve();

  const shared = (): SharedState => ({
    status: state.status,
    lastRefresh: state.lastRefresh,
    stale: state.stale,
    error: state.error === null ? null : { kind: state.error.kind, status: state.error.status, detail: state.error.detail },
  });
  const post = (message: CopyMessage<SharedState>) => {
    if (coordination !== null && state.role === 'syncing' && !state.gone) coordination.channel.post(message);
  };

  const set = (patch: Partial<LocalCopyState>) => {
    const before = state;
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
    if (before.status !== state.status || before.error !== state.error || before.lastRefresh !== state.lastRefresh || before.stale !== state.stale)
      post({ type: 'state', state: shared() });
  };
  const progressOf = (m: LocalCopyMeta): Partial<LocalCopyState> => ({
    complete: m.phase === 'complete',
    pages: m.pages,
    elapsedMs: m.walkElapsedMs,
    ratePerSecond: m.walkElapsedMs > 0 ? m.walkRequests / (m.walkElapsedMs / 1000) : 0,
    syncedAt: m.syncedAt,
    lastCheck: m.lastCheck ?? null,
  });

  async function write(upsert: readonly Lead[], remove: readonly number[], next: LocalCopyMeta, clear = false) {
    // Checked before every write: a tab that heard the copy was deleted never recreates it.
    if (state.gone) throw new LocalCopyGoneError('the local copy was deleted');
    const size = await store.apply({ upsert, remove, meta: next, clear });
    meta = next;
    set({ size, ...progressOf(next), version: upsert.length + remove.length > 0 || clear ? state.version + 1 : state.version });
    post({ type: 'changed', ids: clear ? [] : [...upsert.map((l) => l.id), ...remove], reset: clear, state: shared() });
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

  /**
   * Kommo's "now" before the walk: its Date header; where no answer carried one (an older widget
   * script), the newest lead's updated_at (every later change is at or after it).
   */
  async function walkAnchor(signal: AbortSignal): Promise<number> {
    const result = await page({ order: { field: 'updated_at', direction: 'desc' }, page: 1, limit: 1 }, signal);
    return kommoClock.nowSeconds() ?? result.leads[0]?.updated_at ?? 0;
  }

  /**
   * `eventsAfter`: a re-walk after an incomplete event log starts reading events after the newest one
   * that log gave (every deletion before it is already reflected by the walk that follows it), or it
   * would read the same too-long log again and walk forever.
   */
  async function walk(signal: AbortSignal, eventsAfter = 0) {
    let current = usableMeta(meta, options.origin) ? meta : null;
    if (!current) {
      const anchor = Math.max(await walkAnchor(signal), eventsAfter > 0 ? eventsAfter + 1 + REFRESH_OVERLAP_SECONDS : 0);
      current = { ...initialMeta(options.origin), anchor };
      // Whatever an earlier walk left goes in the same write (a re-walk), so no reader sees a mix.
      await write([], [], current, true);
    }
    set({ status: 'walking', error: null });
    pageStartedAt = now();
    await readFrom(
      page,
      current.walk,
      signal,
      async (leads, position, done) => {
        const base = meta ?? current;
        const next: LocalCopyMeta = {
          ...base,
          walk: position,
          pages: base.pages + 1,
          walkRequests: base.walkRequests + 1,
          walkElapsedMs: base.walkElapsedMs + (now() - (pageStartedAt ?? now())),
          phase: done ? 'complete' : 'walking',
        };
        pageStartedAt = now();
        await write(leads, [], next);
      },
      yieldToUser,
    );
    pageStartedAt = null;
    // Leads deleted while the walk went on are caught by the refresh from the walk's anchor.
    await refreshOnce(signal);
  }

  async function refreshOnce(signal: AbortSignal) {
    const base = meta;
    if (!base || base.phase !== 'complete') return;
    set({ status: 'refreshing', error: null });
    const from = Math.max(0, base.anchor - REFRESH_OVERLAP_SECONDS);
    const requestsBefore = ownRequests;
    // Kommo's clock as the refresh starts: what changes after it, the next refresh reads.
    const startedAt = kommoClock.nowSeconds();
    const changed = new Map<number, Lead>();
    await readFrom(page, { from, boundaryIds: [], tiePage: 1 }, signal, (leads) => {
      for (const lead of leads) changed.set(lead.id, lead);
      return Promise.resolve();
    });
    const events = await fetchDeletedLeads(client, from, signal);
    ownRequests += events.requests;
    if (!events.complete) {
      // More deletions than the log pages we read: which leads are gone is unknown, so walk again
      // (the walk's first write empties the copy; the database stays, so other tabs keep reading it).
      meta = null;
      set({ ...NO_COPY, version: state.version + 1 });
      await walk(
        signal,
        events.deleted.reduce((m, d) => Math.max(m, d.at), from),
      );
      return;
    }
    const applied = new Set(base.appliedEvents.map((e) => e.id));
    // Each event once; a lead restored or changed after its deletion came back updated later: it stays.
    const fresh = events.deleted.filter((d) => !applied.has(d.eventId));
    const removed = fresh.filter((d) => (changed.get(d.id)?.updated_at ?? Number.NEGATIVE_INFINITY) < d.at).map((d) => d.id);
    for (const id of removed) changed.delete(id);
    const reread = [...changed.values()];
    // Only what differs from the copy is written and counted: most of the overlap is as stored.
    const upsert = await leadsChangedInCopy(reread, (query, offset, size) => store.slice(query, offset, size));
    // Without a Date header, the newest time Kommo reported (an updated_at set ahead by an integration
    // would push it ahead too: the Date header is the one to trust).
    const anchor = startedAt ?? Math.max(base.anchor, maxUpdated(reread, 0), ...events.deleted.map((d) => d.at));
    const keepFrom = anchor - REFRESH_OVERLAP_SECONDS;
    const next: LocalCopyMeta = {
      ...base,
      syncedAt: now(),
      anchor,
      appliedEvents: [...base.appliedEvents, ...fresh.map((d) => ({ id: d.eventId, at: d.at }))].filter((e) => e.at >= keepFrom),
    };
    await write(upsert, removed, next);
    set({ status: 'ready', lastRefresh: { requests: ownRequests - requestsBefore, updated: upsert.length, removed: removed.length } });
    if (now() - (next.checkedAt ?? 0) >= CHECK_EVERY_MS) await checkOnce(signal);
  }

  /**
   * Compares the copy with Kommo (anti-entropy.ts) and repairs the stages that differ. While they
   * differ the copy is stale: it answers no view (they go live) until the repair is written.
   */
  async function checkOnce(signal: AbortSignal) {
    const base = meta;
    if (!base || base.phase !== 'complete') return;
    set({ status: 'refreshing', error: null });
    // What Kommo changed since the last refresh began is the next refresh's, not a difference.
    const result = await checkAgainstKommo(
      client,
      (query, offset, size) => store.slice(query, offset, size),
      base.anchor,
      signal,
      () => {
        if (!state.stale) set({ stale: true });
      },
    );
    ownRequests += result.requests;
    const at = now();
    const lastCheck: LastCheck = {
      at,
      differing: result.differing.length,
      repaired: result.upsert.length + result.remove.length,
      requests: result.requests,
    };
    await write(result.upsert, result.remove, { ...(meta ?? base), checkedAt: at, lastCheck });
    set({ status: 'ready', stale: false });
  }

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
    if (state.role === 'reading') {
      coordination?.channel.post({ type: 'refresh' });
      return;
    }
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
    leaveCoordination();
    set({ ...NO_COPY, persistent: store.persistent, storageRefused: true, version: state.version + 1 });
  }

  async function forgetNow() {
    controller?.abort();
    meta = null;
    await store.destroy();
    // Every other tab stops reading it and never writes it again (the database's versionchange says
    // the same to those that hold it open).
    coordination?.channel.post({ type: 'forgotten' });
    set({ status: 'paused', ...NO_COPY, version: state.version + 1 });
  }

  function leaveCoordination() {
    lifetime.abort();
    releaseLock?.();
    releaseLock = null;
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    coordination = null;
    if (state.role !== 'syncing') set({ role: 'syncing' });
  }

  /** The copy was deleted elsewhere: stop, answer nothing, never write again. */
  function becomeGone() {
    if (state.gone) return;
    cancelRetry();
    controller?.abort();
    meta = null;
    lifetime.abort();
    releaseLock?.();
    releaseLock = null;
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    set({ status: 'paused', ...NO_COPY, gone: true, version: state.version + 1 });
  }

  /** Reads what the syncing tab wrote (the leads it names, or all of them after a reset) and where it stands. */
  function follow(ids: number[], reset: boolean, holder: SharedState | null) {
    reading = reading.then(async () => {
      if (state.gone || state.role !== 'reading') return;
      try {
        const reloaded = reset ? await store.open() : await store.reload(ids);
        if (state.gone || state.role !== 'reading') return;
        meta = usableMeta(reloaded.meta, options.origin) ? reloaded.meta : null;
        set({
          size: reloaded.size,
          ...(meta ? progressOf(meta) : NO_COPY),
          ...(holder ? sharedPatch(holder) : {}),
          version: state.version + 1,
        });
      } catch (thrown) {
        if (thrown instanceof LocalCopyGoneError) becomeGone();
      }
    });
  }

  function onMessage(message: CopyMessage) {
    if (message.type === 'forgotten') return becomeGone();
    if (state.role === 'syncing') {
      if (message.type === 'hello') post({ type: 'state', state: shared() });
      else if (message.type === 'refresh') void run(startOrRefresh);
      return;
    }
    if (message.type === 'changed') follow(message.ids, message.reset, readShared(message.state));
    else if (message.type === 'state') {
      const holder = readShared(message.state);
      if (holder) set(sharedPatch(holder));
    }
  }

  /** Waits for the copy's lock while reading; once this tab holds it, it syncs from where the copy stands. */
  async function takeOverWhenFree(lock: CopyCoordination['lock']) {
    const release = await lock.acquire(lifetime.signal);
    if (release === null) return;
    if (state.gone || disposed) return release();
    releaseLock = release;
    await reading;
    try {
      // The last holder may have written after its last message: the copy itself says where it stands.
      const opened = await store.open();
      meta = usableMeta(opened.meta, options.origin) ? opened.meta : null;
      set({ role: 'syncing', size: opened.size, ...(meta ? progressOf(meta) : NO_COPY), version: state.version + 1 });
    } catch (thrown) {
      if (thrown instanceof LocalCopyGoneError) return becomeGone();
      set({ role: 'syncing' });
    }
    await run(startOrRefresh);
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
      // Listening before opening: what the syncing tab writes meanwhile is read again once the role is known.
      const heardWhileOpening: CopyMessage[] = [];
      if (store.coordination !== null) {
        const channel = store.coordination.channel;
        unsubscribers.push(
          channel.subscribe((message) => (coordination === null && !state.gone ? heardWhileOpening.push(message) : onMessage(message))),
        );
        unsubscribers.push(store.onGone(becomeGone));
      }
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
      const shared = store.coordination;
      if (shared !== null) {
        const release = await shared.lock.tryAcquire();
        coordination = shared;
        if (state.gone || disposed) return release?.();
        const missed = heardWhileOpening.flatMap((m) => (m.type === 'changed' ? [m] : []));
        if (heardWhileOpening.some((m) => m.type === 'forgotten')) return becomeGone();
        if (release === null) {
          // Another tab syncs this copy: read it, and take over when that tab closes.
          set({ role: 'reading', status: meta?.phase === 'complete' ? 'ready' : 'walking' });
          for (const m of missed) follow(m.ids, m.reset, null);
          shared.channel.post({ type: 'hello' });
          void takeOverWhenFree(shared.lock);
          return;
        }
        releaseLock = release;
        // Written by the tab that synced until a moment ago, after this one opened the copy.
        if (missed.length > 0) {
          try {
            const reloaded = missed.some((m) => m.reset) ? await store.open() : await store.reload(missed.flatMap((m) => m.ids));
            meta = usableMeta(reloaded.meta, options.origin) ? reloaded.meta : null;
            set({ size: reloaded.size, ...(meta ? progressOf(meta) : NO_COPY), version: state.version + 1 });
          } catch (thrown) {
            if (thrown instanceof LocalCopyGoneError) return becomeGone();
          }
        }
      }
      await run(startOrRefresh);
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
      await run((signal) => (meta?.phase === 'complete' ? checkOnce(signal) : Promise.resolve()));
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
      leaveCoordination();
    },
    dispose() {
      disposed = true;
      cancelRetry();
      controller?.abort();
      // The lock goes to the next tab waiting for it.
      lifetime.abort();
      releaseLock?.();
      releaseLock = null;
      for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
      store.close();
      listeners.clear();
    },
  };
}
