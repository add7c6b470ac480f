// Walks every page of a view (through the multi-stage merge of fetchLeadsChunk) until Kommo has no
// next page, with progress, pause/resume, cancel and a confirmation past a size. Plain TypeScript:
// the UI, the export and the bench drive the same walker. The client's limiter sets the pace.
import type { LeadsChunk, LeadsCursor } from '@/lib/leads/leads-stream';

/** The shape of the table's infinite query data: one chunk per page, one cursor per page. */
export type InfiniteLeadsData = { pages: LeadsChunk[]; pageParams: LeadsCursor[] };

export type LoadAllStatus = 'idle' | 'running' | 'paused' | 'confirming' | 'done' | 'cancelled' | 'error';

export type LoadAllSnapshot = {
  status: LoadAllStatus;
  /** Pages and leads held, including those loaded before the walk started. */
  pages: number;
  leads: number;
  /** Pages fetched by this walk. */
  fetchedPages: number;
  /** Time spent walking, pauses and confirmation waits excluded. */
  elapsedMs: number;
  /** Over the last few pages; null until two pages have arrived. */
  leadsPerSecond: number | null;
  pagesPerSecond: number | null;
  /** The failure that stopped the walk ('error'); resume() retries the same page. */
  error: unknown;
};

export type LoadAllWalkerOptions = {
  fetchChunk: (cursor: LeadsCursor, signal: AbortSignal) => Promise<LeadsChunk>;
  /** Where the walk starts when nothing is loaded yet. */
  firstCursor: LeadsCursor;
  /** Pages already loaded (the table's cache): the walk continues after them. */
  initial?: InfiniteLeadsData | null;
  /**
   * Kommo gives no total, so the walk cannot ask "load 80,000 leads?" up front: it stops once it
   * holds this many leads and more remain, and waits for confirm(). Infinity never asks.
   */
  confirmAfterLeads?: number;
  /** A hard bound whatever the answers, so a server that always links a next page cannot loop forever. */
  maxPages?: number;
  /** Receives the data so far: at most every `flushEveryMs`, and on pause, cancel, error and end. */
  onData?: (data: InfiniteLeadsData) => void;
  flushEveryMs?: number;
  now?: () => number;
};

export type LoadAllWalker = {
  getSnapshot(): LoadAllSnapshot;
  subscribe(listener: () => void): () => void;
  /** Runs the walk; resolves with everything held when it ends (done, cancelled or failed). */
  start(): Promise<InfiniteLeadsData>;
  /** Stops after the page in flight; nothing is wasted. */
  pause(): void;
  /** Continues after a pause, or retries the failed page after an error. */
  resume(): void;
  /** Answers the confirmation: true walks on (without asking again), false ends the walk as cancelled. */
  confirm(goOn: boolean): void;
  /** Aborts the page in flight; pages already loaded are kept. */
  cancel(): void;
  data(): InfiniteLeadsData;
};

export const DEFAULT_CONFIRM_AFTER_LEADS = 20_000;
/** 4,000 pages of 250 = one million leads. */
export const DEFAULT_MAX_PAGES = 4000;
const DEFAULT_FLUSH_EVERY_MS = 1000;
/** Rate over the last pages only, so it follows the current pace rather than the whole history. */
const RATE_WINDOW_PAGES = 8;

function countLeads(data: InfiniteLeadsData): number {
  let n = 0;
  for (const page of data.pages) n += page.leads.length;
  return n;
}

export function createLoadAllWalker(options: LoadAllWalkerOptions): LoadAllWalker {
  const now = options.now ?? (() => performance.now());
  const confirmAfterLeads = options.confirmAfterLeads ?? DEFAULT_CONFIRM_AFTER_LEADS;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const flushEveryMs = options.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS;

  let data: InfiniteLeadsData =
    options.initial && options.initial.pages.length > 0
      ? { pages: [...options.initial.pages], pageParams: [...options.initial.pageParams] }
      : { pages: [], pageParams: [] };
  let leads = countLeads(data);
  let snapshot: LoadAllSnapshot = {
    status: 'idle',
    pages: data.pages.length,
    leads,
    fetchedPages: 0,
    elapsedMs: 0,
    leadsPerSecond: null,
    pagesPerSecond: null,
    error: null,
  };
  const listeners = new Set<() => void>();
  const controller = new AbortController();
  let activeSince: number | null = null;
  let elapsedBefore = 0;
  let asked = false;
  let wake: (() => void) | null = null;
  let started: Promise<InfiniteLeadsData> | null = null;
  let lastFlush = 0;
  // (time, leads held) after each page, for the rate.
  let marks: { at: number; leads: number }[] = [];

  const elapsed = () => elapsedBefore + (activeSince !== null ? now() - activeSince : 0);
  const set = (patch: Partial<LoadAllSnapshot>) => {
    snapshot = { ...snapshot, ...patch, pages: data.pages.length, leads, elapsedMs: elapsed() };
    for (const listener of [...listeners]) listener();
  };
  const stopClock = () => {
    if (activeSince !== null) elapsedBefore += now() - activeSince;
    activeSince = null;
    // A pause breaks the pace: the rate restarts from the next page.
    marks = [];
  };
  const startClock = () => {
    if (activeSince === null) activeSince = now();
  };
  const flush = () => {
    lastFlush = now();
    options.onData?.(data);
  };
  const nextCursor = (): LeadsCursor | null => {
    const last = data.pages[data.pages.length - 1];
    return last === undefined ? options.firstCursor : last.next;
  };
  const waitForWake = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  const rouse = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  async function walk(): Promise<InfiniteLeadsData> {
    startClock();
    set({ status: 'running' });
    for (;;) {
      if (controller.signal.aborted) break;
      if (snapshot.status === 'paused' || snapshot.status === 'error' || snapshot.status === 'confirming') {
        stopClock();
        flush();
        set({});
        await waitForWake();
        if (controller.signal.aborted) break;
        startClock();
        continue;
      }
      const cursor = nextCursor();
      if (cursor === null || data.pages.length >= maxPages) {
        stopClock();
        flush();
        set({ status: 'done' });
        return data;
      }
      if (!asked && leads >= confirmAfterLeads) {
        asked = true;
        set({ status: 'confirming' });
        continue;
      }
      let chunk: LeadsChunk;
      try {
        chunk = await options.fetchChunk(cursor, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) break;
        set({ status: 'error', error });
        continue;
      }
      if (controller.signal.aborted) break;
      data = { pages: [...data.pages, chunk], pageParams: [...data.pageParams, cursor] };
      leads += chunk.leads.length;
      const at = now();
      marks.push({ at, leads });
      if (marks.length > RATE_WINDOW_PAGES + 1) marks.shift();
      const first = marks[0];
      const seconds = first !== undefined ? (at - first.at) / 1000 : 0;
      const rate =
        first !== undefined && marks.length >= 2 && seconds > 0
          ? { leadsPerSecond: (leads - first.leads) / seconds, pagesPerSecond: (marks.length - 1) / seconds }
          : { leadsPerSecond: snapshot.leadsPerSecond, pagesPerSecond: snapshot.pagesPerSecond };
      set({ fetchedPages: snapshot.fetchedPages + 1, ...rate });
      if (at - lastFlush >= flushEveryMs) flush();
    }
    stopClock();
    flush();
    set({ status: 'cancelled' });
    return data;
  }

  const cancel = () => {
    if (snapshot.status === 'done' || snapshot.status === 'cancelled') return;
    controller.abort(new DOMException('load all cancelled', 'AbortError'));
    rouse();
    // Not started yet: there is no loop to report the end.
    if (started === null) set({ status: 'cancelled' });
  };

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    start() {
      started ??= walk();
      return started;
    },
    pause() {
      if (snapshot.status === 'running') set({ status: 'paused' });
    },
    resume() {
      if (snapshot.status === 'paused' || snapshot.status === 'error') {
        set({ status: 'running', error: null });
        rouse();
      }
    },
    confirm(goOn) {
      if (snapshot.status !== 'confirming') return;
      if (goOn) {
        set({ status: 'running' });
        rouse();
      } else cancel();
    },
    cancel,
    data: () => data,
  };
}
