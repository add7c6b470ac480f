import { describe, expect, it } from 'vitest';
import { toLeadsView } from '@/kommo/leads-query';
import { COLUMN_PREFERENCES_KEY, defaultPreferences, loadPreferences, moveColumn, savePreferences, withColumnFirst } from './column-preferences';
import { visibleColumnIds } from './visible-column-ids';
import { buildFetchQuery, withForColumns } from './fetch-query';
import { memoryStorage } from '@/test-utils/memory-storage';

describe('column preferences', () => {
  it('defaults hide the given columns', () => {
    expect(loadPreferences(['score'], memoryStorage()).visibility).toEqual({ score: false });
  });
  it('round-trips through storage', () => {
    const storage = memoryStorage();
    savePreferences({ visibility: { tags: false }, order: ['price', 'id'], sizing: { name: 300 }, density: 'compact' }, storage);
    expect(loadPreferences([], storage)).toEqual({ visibility: { tags: false }, order: ['price', 'id'], sizing: { name: 300 }, density: 'compact' });
  });
  it('survives garbage and old shapes', () => {
    expect(loadPreferences(['x'], memoryStorage({ [COLUMN_PREFERENCES_KEY]: '{not json' })).visibility).toEqual({ x: false });
    expect(loadPreferences([], memoryStorage({ [COLUMN_PREFERENCES_KEY]: '{"density":"huge","order":"a"}' }))).toEqual({
      visibility: {},
      order: [],
      sizing: {},
      density: 'normal',
    });
  });
  it('moves a column one step, filling in unknown ids', () => {
    expect(moveColumn([], ['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['b', 'a'], ['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'b', 'c']);
    expect(moveColumn([], ['a', 'b'], 'a', -1)).toEqual(['a', 'b']);
  });
});

describe('fetch query', () => {
  it('asks only for the with= values of visible columns, plus the URL ones', () => {
    expect(withForColumns(undefined, [undefined, 'contacts', undefined])).toEqual(['contacts']);
    expect(withForColumns(['only_deleted'], ['loss_reason', 'contacts'])).toEqual(['contacts', 'only_deleted', 'loss_reason']);
    expect(withForColumns(undefined, [])).toEqual([]);
  });
  it('keeps filters, order and only_deleted, drops paging', () => {
    const q = buildFetchQuery(toLeadsView({ with: ['only_deleted'], page: 3, order: { field: 'id', direction: 'desc' }, filter: { price: 5 } }), [
      'catalog_elements',
    ]);
    expect(q).toEqual({ with: ['only_deleted', 'catalog_elements'], order: { field: 'id', direction: 'desc' }, filter: { price: 5 } });
    expect(buildFetchQuery({ query: 'x' }, [])).toEqual({ query: 'x' });
  });
});

describe('withColumnFirst', () => {
  it('shows the column and puts it before every other unpinned one, the rest in their order', () => {
    const prefs = { ...defaultPreferences([]), order: ['price', 'closest_task_at', 'stage'], visibility: { closest_task_at: false } };
    const next = withColumnFirst(prefs, 'closest_task_at');
    expect(next.order).toEqual(['closest_task_at', 'price', 'stage']);
    expect(next.visibility.closest_task_at).toBe(true);
    expect(visibleColumnIds(next, []).slice(0, 3)).toEqual(['name', 'closest_task_at', 'price']);
    expect(visibleColumnIds(withColumnFirst(defaultPreferences([]), 'closest_task_at'), []).slice(0, 3)).toEqual(['name', 'closest_task_at', 'id']);
  });
});
