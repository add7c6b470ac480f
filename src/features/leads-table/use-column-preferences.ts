// Column visibility, order, sizes and density as controlled table state, saved per browser.
import type { ColumnOrderState, ColumnSizingState, ColumnVisibilityState, Updater } from '@tanstack/react-table';
import { functionalUpdate } from '@tanstack/react-table';
import { useCallback, useEffect, useState } from 'react';
import { clearPreferences, defaultPreferences, loadPreferences, savePreferences, type ColumnPreferences, type Density } from './column-preferences';

export type ColumnPreferencesState = ColumnPreferences & {
  setVisibility: (updater: Updater<ColumnVisibilityState>) => void;
  setOrder: (updater: Updater<ColumnOrderState>) => void;
  setSizing: (updater: Updater<ColumnSizingState>) => void;
  setDensity: (density: Density) => void;
  reset: () => void;
};

export function useColumnPreferences(defaultHidden: readonly string[]): ColumnPreferencesState {
  const [prefs, setPrefs] = useState<ColumnPreferences>(() => loadPreferences(defaultHidden));
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!dirty) return;
    // Resizing fires many updates a second: write once it settles.
    const timer = setTimeout(() => savePreferences(prefs), 250);
    return () => clearTimeout(timer);
  }, [prefs, dirty]);

  const update = useCallback(<K extends keyof ColumnPreferences>(key: K, updater: Updater<ColumnPreferences[K]>) => {
    setDirty(true);
    setPrefs((prev) => ({ ...prev, [key]: functionalUpdate(updater, prev[key]) }));
  }, []);
  const setVisibility = useCallback((u: Updater<ColumnVisibilityState>) => update('visibility', u), [update]);
  const setOrder = useCallback((u: Updater<ColumnOrderState>) => update('order', u), [update]);
  const setSizing = useCallback((u: Updater<ColumnSizingState>) => update('sizing', u), [update]);
  const setDensity = useCallback((d: Density) => update('density', d), [update]);
  const reset = useCallback(() => {
    clearPreferences();
    setDirty(false);
    setPrefs(defaultPreferences(defaultHidden));
  }, [defaultHidden]);

  return { ...prefs, setVisibility, setOrder, setSizing, setDensity, reset };
}
