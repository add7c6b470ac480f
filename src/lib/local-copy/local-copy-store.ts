// What the sync engine and the fetch layer need from wherever the copy lives: IndexedDB behind a
// Web Worker in the browser (worker-store.ts), plain memory in tests and where IndexedDB is missing.
import type { LeadsQuery } from '../../kommo/leads-query';
import type { Lead } from '../../kommo/schemas';
import { LocalLeadsIndex, type LocalViewSlice, type LocalViewTotals } from './local-leads-index';

/** Where the walk stands: leads are read by a moving `updated_at` lower bound, never by offset. */
export type WalkPosition = {
  /** Kommo's updated_at (Unix s) the next page starts from. */
  from: number;
  /** Ids already stored whose updated_at equals `from` (the next page starts with them again). */
  boundaryIds: number[];
  /** Page within one updated_at second that fills whole pages (1 otherwise). */
  tiePage: number;
};

/** A lead_deleted event already applied: never applied twice (a lead restored later stays). */
export type AppliedEvent = { id: string; at: number };

/** Where the sync stands, kept beside the leads so a reload resumes where it stopped. */
export type LocalCopyMeta = {
  version: 2;
  /** The verified origin the copy was made under (the parent page's inside Kommo): checked on every open. */
  origin: string;
  /** 'walking': the first sync is under way (resumes at `walk`); 'complete': every lead is in. */
  phase: 'walking' | 'complete';
  walk: WalkPosition;
  pages: number;
  /** Wall-clock ms the walk has run, over every session it took. */
  walkElapsedMs: number;
  /** Requests the walk made (pages), for its rate. */
  walkRequests: number;
  /** Client clock (ms) of the last finished walk or refresh: the "as of" time shown, never a cursor. */
  syncedAt: number | null;
  /**
   * The next refresh reads leads updated, and lead_deleted events created, from here (less an
   * overlap): Kommo's clock (Unix s), the newest updated_at or event time Kommo itself reported, or
   * before the walk the newest lead's updated_at. Never the browser's clock, which may run ahead.
   */
  anchor: number;
  /** Events applied within the overlap window, so a re-read one is not applied again. */
  appliedEvents: AppliedEvent[];
};

export type LocalCopyChange = { upsert: readonly Lead[]; remove: readonly number[]; meta: LocalCopyMeta };

/** The browser would not keep the copy: its storage is full, or refused (private modes, third-party frames). */
export class LocalCopyStorageError extends Error {
  override readonly name = 'LocalCopyStorageError';
}

export type LocalCopyStore = {
  /** False for memory: the copy lasts one page view. */
  readonly persistent: boolean;
  /** Loads the copy; null meta when there is none yet. */
  open(): Promise<{ meta: LocalCopyMeta | null; size: number }>;
  /** Writes leads, removals and the new meta in one transaction; resolves with the copy's size. */
  apply(change: LocalCopyChange): Promise<number>;
  slice(query: LeadsQuery, offset: number, size: number): Promise<LocalViewSlice>;
  totals(query: LeadsQuery): Promise<LocalViewTotals>;
  /** Deletes everything, the database included. */
  destroy(): Promise<void>;
  close(): void;
};

export function createMemoryStore(): LocalCopyStore {
  const index = new LocalLeadsIndex();
  let meta: LocalCopyMeta | null = null;
  return {
    persistent: false,
    open: () => Promise.resolve({ meta, size: index.size }),
    apply(change) {
      index.remove(change.remove);
      index.upsert(change.upsert);
      meta = change.meta;
      return Promise.resolve(index.size);
    },
    slice: (query, offset, size) => Promise.resolve(index.slice(query, offset, size)),
    totals: (query) => Promise.resolve(index.totals(query)),
    destroy() {
      index.clear();
      meta = null;
      return Promise.resolve();
    },
    close() {},
  };
}
