// One column-preferences store per app (and per rendered test), handed down by context.
import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ColumnPreferences } from './column-preferences';
import { createColumnPreferencesStore, type ColumnPreferencesStore } from './column-preferences-store';

const ColumnPreferencesContext = createContext<ColumnPreferencesStore | null>(null);

export type ColumnPreferencesProviderProps = { store?: ColumnPreferencesStore; children: ReactNode };

export function ColumnPreferencesProvider({ store, children }: ColumnPreferencesProviderProps) {
  const [own] = useState(() => store ?? createColumnPreferencesStore());
  return <ColumnPreferencesContext.Provider value={store ?? own}>{children}</ColumnPreferencesContext.Provider>;
}

export function useColumnPreferencesStore(): ColumnPreferencesStore {
  const store = useContext(ColumnPreferencesContext);
  if (!store) throw new Error('useColumnPreferencesStore must be used inside ColumnPreferencesProvider');
  return store;
}

/** The current column choices; re-renders when they change. */
export function useColumnPreferencesSnapshot(): ColumnPreferences {
  const store = useColumnPreferencesStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
