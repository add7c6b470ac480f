// What the syncing tab tells the other tabs reading the same copy about itself, and how a reading
// tab takes it in (checked first: a tab of another build may speak an older shape).
import { ApiError, type ApiErrorKind } from '@/lib/api/api-error';
import type { LocalCopyState, LocalCopyStatus } from './local-copy-state';

/** What the syncing tab tells the others about itself (an error as plain data: messages are cloned). */
export type SharedState = Pick<LocalCopyState, 'status' | 'lastRefresh' | 'stale'> & {
  error: { kind: ApiErrorKind; status: number | null; detail: string } | null;
};

const STATUSES: readonly LocalCopyStatus[] = ['opening', 'walking', 'paused', 'refreshing', 'ready', 'error'];

/** Another tab's message, checked before use: a tab of another build may speak an older shape. */
export function readShared(value: unknown): SharedState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<SharedState>;
  if (typeof v.status !== 'string' || !STATUSES.includes(v.status)) return null;
  return { status: v.status, lastRefresh: v.lastRefresh ?? null, error: v.error ?? null, stale: v.stale === true };
}

export function sharedPatch(holder: SharedState): Partial<LocalCopyState> {
  return {
    status: holder.status,
    lastRefresh: holder.lastRefresh,
    stale: holder.stale,
    error: holder.error === null ? null : new ApiError({ kind: holder.error.kind, status: holder.error.status, detail: holder.error.detail }),
  };
}

/** This tab's state as the others hear it (an error as plain data: messages are cloned). */
export function toShared(state: LocalCopyState): SharedState {
  return {
    status: state.status,
    lastRefresh: state.lastRefresh,
    stale: state.stale,
    error: state.error === null ? null : { kind: state.error.kind, status: state.error.status, detail: state.error.detail },
  };
}
