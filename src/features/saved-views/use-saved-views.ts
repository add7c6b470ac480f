// The saved views as an external store: every reader sees the same list, and a change in another
// tab (the 'storage' event) shows here too.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import {
  addView,
  deleteView,
  readSavedViews,
  renameView,
  restoreView,
  SAVED_VIEWS_KEY,
  writeSavedViews,
  type SavedView,
} from './saved-views-storage';

const listeners = new Set<() => void>();
let snapshot: SavedView[] | null = null;

function getSnapshot(): SavedView[] {
  snapshot ??= readSavedViews();
  return snapshot;
}

function emit() {
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key === SAVED_VIEWS_KEY) {
      snapshot = null;
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const EMPTY: SavedView[] = [];

function commit(next: SavedView[]): boolean {
  const stored = writeSavedViews(next);
  // Even when storage refuses, the list works for this session.
  snapshot = next;
  emit();
  return stored;
}

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export type SavedViewsApi = {
  views: SavedView[];
  save: (name: string, search: string) => boolean;
  rename: (id: string, name: string) => boolean;
  remove: (id: string) => boolean;
  restore: (view: SavedView, index: number) => boolean;
};

export function useSavedViews(): SavedViewsApi {
  const views = useSyncExternalStore(subscribe, getSnapshot, () => EMPTY);
  const save = useCallback((name: string, search: string) => commit(addView(getSnapshot(), name, search, Date.now(), newId())), []);
  const rename = useCallback((id: string, name: string) => commit(renameView(getSnapshot(), id, name)), []);
  const remove = useCallback((id: string) => commit(deleteView(getSnapshot(), id)), []);
  const restore = useCallback((view: SavedView, index: number) => commit(restoreView(getSnapshot(), view, index)), []);
  return useMemo(() => ({ views, save, rename, remove, restore }), [views, save, rename, remove, restore]);
}

/** Forgets the in-memory copy (tests, or after storage was changed behind our back). */
export function resetSavedViewsCache(): void {
  snapshot = null;
}
