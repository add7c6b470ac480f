import { describe, expect, it } from 'vitest';
import pageConstants from '@/kommo/fixtures/real/kommo-page-constants.json';
import { readPageDirectory, unescapeKommoText } from './kommo-page-directory';

describe('readPageDirectory: the Kommo page constants handed over the bridge', () => {
  it('reads managers into users (inactive ones kept), groups by their numeric codes, and the user’s rights', () => {
    const directory = readPageDirectory(pageConstants);
    expect(directory?.users.map((u) => [u.id, u.name, u.rights?.is_active, u.rights?.is_admin, u.rights?.group_id])).toEqual([
      [67, 'Тест Тест', false, false, 0],
      [663142, 'dsfasdf', true, false, 493002],
      [8614690, 'Максим Зудин', true, true, 493002],
      [9745038, 'qwe', true, false, 492998],
      [9961730, 'Дмитрий Таран', true, true, 0],
    ]);
    expect(directory?.users[1]?._embedded?.groups).toEqual([{ id: 493002, name: 'Отдел двойного яблока(кальянная)' }]);
    expect(directory?.groups.map((g) => g.id)).toEqual([0, 492998, 493002, 493006, 536730]);
    expect(directory?.rights).toMatchObject({ userId: 123456, isAdmin: false, leads: { view: 'M', export: 'D' } });
  });

  it('unescapes the HTML entities Kommo writes in names, once, and keeps markup as text', () => {
    expect(unescapeKommoText(',&gt;S?NDF &amp;lt;b&amp;gt;')).toBe(',>S?NDF &lt;b&gt;');
    const directory = readPageDirectory({ managers: { 5: { title: '<img src=x onerror=alert(1)>' } }, groups: {}, user: { id: 5 }, user_rights: {} });
    expect(directory?.users[0]?.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('drops what does not fit and refuses what is not the constants', () => {
    const directory = readPageDirectory({
      managers: { 'not-an-id': { title: 'x' }, 7: { title: 'y'.repeat(500) }, 8: 'nope', 9: { title: 'Ok' } },
      groups: { group_free_users: 'Free', group_3: 'Three' },
      user: 'nobody',
      user_rights: null,
    });
    expect(directory?.users.map((u) => u.id)).toEqual([9]);
    expect(directory?.groups).toEqual([{ id: 3, name: 'Three' }]);
    expect(directory?.rights).toBeNull();
    expect(readPageDirectory(undefined)).toBeNull();
    expect(readPageDirectory('constants')).toBeNull();
  });
});
