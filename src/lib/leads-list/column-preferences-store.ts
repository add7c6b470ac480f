// The column choices (visibility, order, sizes, density) as one external store: the table writes
// it, and every reader (the list query, the export's column list) gets the same in-memory snapshot
// through subscribe/getSnapshot, never a copy read back from storage behind the debounced write.
import { clearPreferences, defaultPreferences, loadPreferences, savePreferences, type ColumnPreferences } from './column-preferences';
import { DEFAULT_HIDDEN_COLUMNS } from './lead-column-registry';

export type ColumnPreferencesStore = {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): ColumnPreferences;
  update(change: (prev: ColumnPreferences) => ColumnPreferences): void;
  /** Back to the defaults, and forgotten by the browser. */
  reset(): void;
};

export type ColumnPreferencesStoreOptions = {
  storage?: Storage;
  defaultHidden?: readonly string[];
  /** Resizing fires many updates a second: storage is written once it settles. */
  saveDelayMs?: number;
};

export function createColumnPreferencesStore(options: ColumnPreferencesStoreOptions = {}): ColumnPreferencesStore {
  const { storage, defaultHidden = DEFAULT_HIDDEN_COLUMNS, saveDelayMs = 250 } = options;
  const listeners = new Set<() => void>();
  let snapshot: ColumnPreferences | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // Read on first use, not at creation. An undefined storage means the browser's (the defaults of load/save/clear).
  const current = () => (snapshot ??= loadPreferences(defaultHidden, storage));
  const publish = (next: ColumnPreferences) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot: current,
    update(change) {
      const next = change(current());
      if (next === snapshot) return;
      publish(next);
      clearTimeout(timer);
      timer = setTimeout(() => savePreferences(next, storage), saveDelayMs);
    },
    reset() {
      clearTimeout(timer);
      clearPreferences(storage);
      publish(defaultPreferences(defaultHidden));
    },
  };
}
