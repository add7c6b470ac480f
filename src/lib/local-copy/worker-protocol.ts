// Messages between the main thread and the local-copy worker: one request, one answer, by id.
import type { LeadsQuery } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { LocalCopyMeta } from './local-copy-store';
import type { LocalViewSlice, LocalViewTotals } from './local-leads-index';

export type WorkerRequest =
  | { type: 'open'; dbName: string }
  | { type: 'apply'; upsert: readonly Lead[]; remove: readonly number[]; meta: LocalCopyMeta; clear: boolean }
  | { type: 'reload'; ids: readonly number[] }
  | { type: 'slice'; query: LeadsQuery; offset: number; size: number }
  | { type: 'totals'; query: LeadsQuery }
  | { type: 'destroy' };

export type WorkerResult = {
  open: { meta: LocalCopyMeta | null; size: number };
  apply: number;
  reload: { meta: LocalCopyMeta | null; size: number };
  slice: LocalViewSlice;
  totals: LocalViewTotals;
  destroy: null;
};

export type WorkerEnvelope = { id: number; request: WorkerRequest };
/**
 * `storage`: the browser's storage failed (quota full, storage refused), not the request itself;
 * `gone`: the database was deleted (another tab's Forget): it is never written again. A notice is
 * unasked: the database went away under the worker.
 */
export type WorkerAnswer =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string; storage: boolean; gone: boolean } | { notice: 'gone' };
