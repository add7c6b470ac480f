import { describe, expect, it } from 'vitest';
import {
  addView,
  deleteView,
  MAX_SAVED_VIEWS,
  nameProblem,
  parseSavedViews,
  readSavedViews,
  renameView,
  SAVED_VIEWS_KEY,
  writeSavedViews,
  type SavedView,
} from './saved-views-storage';

const view = (id: string, name: string): SavedView => ({ id, name, search: 'query=a', createdAt: 1 });

describe('saved views storage', () => {
  it('reads what it wrote', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    expect(writeSavedViews([view('1', 'A')], storage)).toBe(true);
    expect(map.has(SAVED_VIEWS_KEY)).toBe(true);
    expect(readSavedViews(storage)).toEqual([view('1', 'A')]);
  });

  it.each([
    ['nothing', null],
    ['not JSON', '{oops'],
    ['an object', '{"a":1}'],
    ['a number', '42'],
    ['null', 'null'],
    ['prototype keys', '[{"__proto__":{"polluted":1},"id":"x"}]'],
  ])('corrupt storage (%s) reads as no views', (_name, raw) => {
    expect(parseSavedViews(raw)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops bad entries one by one and keeps the good ones', () => {
    const raw = JSON.stringify([
      view('1', 'Good'),
      { id: '2' },
      { ...view('3', ''), name: '   ' },
      'x',
      view('1', 'Same id'),
      view('4', 'Also good'),
    ]);
    expect(parseSavedViews(raw).map((v) => v.name)).toEqual(['Good', 'Also good']);
  });

  it('bounds how many views a storage can load', () => {
    const raw = JSON.stringify(Array.from({ length: MAX_SAVED_VIEWS + 50 }, (_, i) => view(String(i), `v${i}`)));
    expect(parseSavedViews(raw)).toHaveLength(MAX_SAVED_VIEWS);
  });

  it('a storage that throws reads as empty and refuses writes', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readSavedViews(throwing)).toEqual([]);
    expect(writeSavedViews([view('1', 'A')], throwing)).toBe(false);
  });

  it('adds, renames and deletes', () => {
    let views = addView([], '  Mine ', 'query=x', 5, 'a');
    expect(views).toEqual([{ id: 'a', name: 'Mine', search: 'query=x', createdAt: 5 }]);
    views = renameView(views, 'a', 'Ours');
    expect(views[0]?.name).toBe('Ours');
    expect(deleteView(views, 'a')).toEqual([]);
  });

  it('names: empty, too long, duplicate (case-insensitive), own name on rename', () => {
    const views = [view('1', 'Big deals')];
    expect(nameProblem('  ', views)).toBe('empty');
    expect(nameProblem('x'.repeat(81), views)).toBe('tooLong');
    expect(nameProblem('big DEALS', views)).toBe('duplicate');
    expect(nameProblem('Big deals', views, '1')).toBeNull();
    expect(nameProblem('Small deals', views)).toBeNull();
  });
});
