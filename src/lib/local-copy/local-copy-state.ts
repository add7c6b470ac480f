// What the local copy's engine says of itself: the state every view of it reads (the control, the
// hub, the rule that picks a source), and the state of a copy that is not there.
import type { ApiError } from '@/lib/api/api-error';
import type { LastCheck } from './local-copy-store';

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

/** What the state says of a copy that is not there (before opening, and after "Forget local data"). */
export const NO_COPY = {
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
