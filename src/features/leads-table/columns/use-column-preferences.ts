// Column visibility, order, sizes and density as controlled table state, kept in the app's one
// column-preferences store (src/lib/leads-list), which saves them per browser.
import type { ColumnOrderState, ColumnSizingState, ColumnVisibilityState, Updater } from '@tanstack/react-table';
import { functionalUpdate } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { ColumnPreferences, Density } from '@/lib/leads-list/column-preferences';
import { useColumnPreferencesSnapshot, useColumnPreferencesStore } from '@/lib/leads-list/column-preferences-context';

export type ColumnPreferencesState = ColumnPreferences & {
  setVisibility: (updater: Updater<ColumnVisibilityState>) => void;
  setOrder: (updater: Updater<ColumnOrderState>) => void;
  setSizing: (updater: Updater<ColumnSizingState>) => void;
  setDensity: (density: Density) => void;
  reset: () => void;
};

export function useColumnPreferences(): ColumnPreferencesState {
  const store = useColumnPreferencesStore();
  const prefs = useColumnPreferencesSnapshot();
  const update = useCallback(
    <K extends keyof ColumnPreferences>(key: K, updater: Updater<ColumnPreferences[K]>) =>
      store.update((prev) => ({ ...prev, [key]: functionalUpdate(updater, prev[key]) })),
    [store],
  );
  const setVisibility = useCallback((u: Updater<ColumnVisibilityState>) => update('visibility', u), [update]);
  const setOrder = useCallback((u: Updater<ColumnOrderState>) => update('order', u), [update]);
  const setSizing = useCallback((u: Updater<ColumnSizingState>) => update('sizing', u), [update]);
  const setDensity = useCallback((d: Density) => update('density', d), [update]);
  const reset = store.reset;
  return useMemo(
    () => ({ ...prefs, setVisibility, setOrder, setSizing, setDensity, reset }),
    [prefs, setVisibility, setOrder, setSizing, setDensity, reset],
  );
}
