import { afterEach, describe, expect, it, vi } from 'vitest';
import { COLUMN_PREFERENCES_KEY } from './column-preferences';
import { createColumnPreferencesStore } from './column-preferences-store';
import { visibleColumnIds } from './visible-column-ids';
import { memoryStorage } from '@/test-utils/memory-storage';

afterEach(() => vi.useRealTimers());

describe('createColumnPreferencesStore', () => {
  it('gives every reader the new choice at once, and writes storage once it settles', () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const store = createColumnPreferencesStore({ storage, defaultHidden: ['pipeline'] });
    const seen: string[] = [];
    store.subscribe(() => seen.push(JSON.stringify(store.getSnapshot().visibility)));
    store.update((p) => ({ ...p, visibility: { ...p.visibility, price: false } }));
    store.update((p) => ({ ...p, sizing: { price: 200 } }));
    expect(store.getSnapshot().visibility).toEqual({ pipeline: false, price: false });
    expect(seen).toHaveLength(2);
    // The export's column list follows at once, not 250 ms later.
    expect(visibleColumnIds(store.getSnapshot(), [])).not.toContain('price');
    expect(storage.getItem(COLUMN_PREFERENCES_KEY)).toBeNull();
    vi.advanceTimersByTime(250);
    expect(JSON.parse(storage.getItem(COLUMN_PREFERENCES_KEY) ?? '{}')).toMatchObject({ visibility: { price: false }, sizing: { price: 200 } });
  });

  it('reads the saved choice on first use, and reset forgets it', () => {
    vi.useFakeTimers();
    const storage = memoryStorage({
      [COLUMN_PREFERENCES_KEY]: JSON.stringify({ visibility: { tags: false }, order: ['price'], sizing: {}, density: 'compact' }),
    });
    const store = createColumnPreferencesStore({ storage, defaultHidden: ['pipeline'] });
    expect(store.getSnapshot()).toMatchObject({ visibility: { tags: false }, order: ['price'], density: 'compact' });
    store.update((p) => ({ ...p, density: 'comfortable' }));
    store.reset();
    vi.advanceTimersByTime(1000);
    expect(store.getSnapshot()).toEqual({ visibility: { pipeline: false }, order: [], sizing: {}, density: 'normal' });
    expect(storage.getItem(COLUMN_PREFERENCES_KEY)).toBeNull();
  });
});

describe('visibleColumnIds', () => {
  it('puts name first, then the saved order, then the rest; hidden and sixth-on custom fields left out', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ id: 100 + i, name: `F${i}`, type: 'text', sort: 8 - i }));
    const ids = visibleColumnIds(
      { visibility: { price: false, cf_107: true }, order: ['stage', 'name', 'id'], sizing: {}, density: 'normal' },
      fields as never,
    );
    expect(ids.slice(0, 3)).toEqual(['name', 'stage', 'id']);
    expect(ids).not.toContain('price');
    // Custom fields by sort: 107 (sort 1) .. 102 shown by default (six), 101 and 100 hidden.
    expect(ids.filter((id) => id.startsWith('cf_'))).toEqual(['cf_107', 'cf_106', 'cf_105', 'cf_104', 'cf_103', 'cf_102']);
  });
});
