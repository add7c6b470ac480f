// What the sync engine and the fetch layer need from wherever the copy lives: IndexedDB behind a
// Web Worker in the browser (worker-store.ts), plain memory in tests and where IndexedDB is missing.
import type { LeadsQuery } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { CopyCoordination } from './copy-coordination';
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
  /** Client clock (ms) of the last comparison with Kommo (anti-entropy): a schedule, never a cursor. */
  checkedAt?: number;
  /** What that comparison found, kept with the copy so every tab and a later page can say it. */
  lastCheck?: LastCheck;
};

/** The last comparison with Kommo: when (client clock, ms), stages that differed, leads repaired, requests it took. */
export type LastCheck = { at: number; differing: number; repaired: number; requests: number };

/** `clear`: every lead goes first (a re-walk), in the same transaction, so readers never see half of it. */
export type LocalCopyChange = { upsert: readonly Lead[]; remove: readonly number[]; meta: LocalCopyMeta; clear?: boolean };

/** The browser would not keep the copy: its storage is full, or refused (private modes, third-party frames). */
export class LocalCopyStorageError extends Error {
  override readonly name = 'LocalCopyStorageError';
}

/** The copy was deleted (another tab's "Forget local data", a 401): it is never written, nor opened, again. */
export class LocalCopyGoneError extends Error {
  override readonly name = 'LocalCopyGoneError';
}

export type LocalCopyStore = {
  /** False for memory: the copy lasts one page view. */
  readonly persistent: boolean;
  /** Loads the copy; null meta when there is none yet. */
  open(): Promise<{ meta: LocalCopyMeta | null; size: number }>;
  /**
   * Writes leads, removals and the new meta in one transaction; resolves with the copy's size.
   * Rejects with LocalCopyGoneError once the copy was deleted elsewhere: a stale tab never recreates it.
   */
  apply(change: LocalCopyChange): Promise<number>;
  /** Reads these leads (kept or gone) and the meta again from storage: another tab wrote them. */
  reload(ids: readonly number[]): Promise<{ meta: LocalCopyMeta | null; size: number }>;
  /** Told once when storage is deleted by someone else (another tab); the store then refuses writes. */
  onGone(listener: () => void): () => void;
  /** The tabs of this browser sharing the copy (persistent stores only); none: this tab syncs alone. */
  readonly coordination: CopyCoordination | null;
  slice(query: LeadsQuery, offset: number, size: number): Promise<LocalViewSlice>;
  totals(query: LeadsQuery): Promise<LocalViewTotals>;
  /** Deletes everything, the database included. */
  destroy(): Promise<void>;
  close(): void;
};

/**
 * Storage several memory stores share, as the tabs of one browser share an IndexedDB database: each
 * store keeps its own index (a tab's worker), reads and writes go through here. For tests.
 */
export type MemoryDatabase = {
  leads: Map<number, Lead>;
  meta: LocalCopyMeta | null;
  /** Bumped by every deletion: a connection opened before it is closed for good (IndexedDB's versionchange). */
  generation: number;
  connections: Set<() => void>;
};

export function createMemoryDatabase(): MemoryDatabase {
  return { leads: new Map(), meta: null, generation: 0, connections: new Set() };
}

/**
 * A copy in memory: alone it lasts one page view (`persistent: false`); over a shared MemoryDatabase
 * it plays a tab's IndexedDB copy, with `coordination` the tabs' locks and channel.
 */
export function createMemoryStore(database?: MemoryDatabase, coordination: CopyCoordination | null = null): LocalCopyStore {
  const index = new LocalLeadsIndex();
  const db = database ?? createMemoryDatabase();
  let generation: number | null = null;
  let gone = false;
  const goneListeners = new Set<() => void>();
  const versionChange = () => {
    if (gone) return;
    gone = true;
    index.clear();
    db.connections.delete(versionChange);
    for (const listener of [...goneListeners]) listener();
  };
  const connected = () => {
    // First use opens it (a store the engine falls back to is written without an open).
    if (generation === null && !gone) {
      generation = db.generation;
      db.connections.add(versionChange);
    }
    if (gone || generation !== db.generation) throw new LocalCopyGoneError('the local copy was deleted');
  };
  return {
    persistent: database !== undefined,
    coordination,
    open() {
      if (gone) return Promise.reject(new LocalCopyGoneError('the local copy was deleted'));
      generation = db.generation;
      db.connections.add(versionChange);
      index.clear();
      index.upsert([...db.leads.values()]);
      return Promise.resolve({ meta: db.meta, size: index.size });
    },
    apply(change) {
      try {
        connected();
      } catch (error) {
        return Promise.reject(error as Error);
      }
      if (change.clear) {
        db.leads.clear();
        index.clear();
      }
      for (const id of change.remove) db.leads.delete(id);
      for (const lead of change.upsert) db.leads.set(lead.id, lead);
      db.meta = change.meta;
      index.remove(change.remove);
      index.upsert(change.upsert);
      return Promise.resolve(index.size);
    },
    reload(ids) {
      if (gone) return Promise.reject(new LocalCopyGoneError('the local copy was deleted'));
      const kept: Lead[] = [];
      const removed: number[] = [];
      for (const id of ids) {
        const lead = db.leads.get(id);
        if (lead) kept.push(lead);
        else removed.push(id);
      }
      index.remove(removed);
      index.upsert(kept);
      return Promise.resolve({ meta: db.meta, size: index.size });
    },
    onGone(listener) {
      goneListeners.add(listener);
      return () => {
        goneListeners.delete(listener);
      };
    },
    slice: (query, offset, size) => Promise.resolve(index.slice(query, offset, size)),
    totals: (query) => Promise.resolve(index.totals(query)),
    destroy() {
      index.clear();
      db.leads.clear();
      db.meta = null;
      db.generation++;
      db.connections.delete(versionChange);
      // Every other connection hears it (IndexedDB's versionchange) and closes for good.
      for (const other of [...db.connections]) other();
      generation = db.generation;
      db.connections.add(versionChange);
      return Promise.resolve();
    },
    close() {
      db.connections.delete(versionChange);
    },
  };
}
