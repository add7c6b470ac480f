import { describe, expect, it } from 'vitest';
import { parseViewSearch } from '@/lib/url-state/leads-url-codec';
import { noticeItems, panelLabel } from './notice-items';

describe('URL notice lines', () => {
  it('name parameters as the filter panel does', () => {
    expect(panelLabel('filter[responsible_user_id][]')).toBe('responsible');
    expect(panelLabel('filter[created_at][from]')).toBe('createdAt');
    expect(panelLabel('date[closed_at]')).toBe('closedAt');
    expect(panelLabel('order[id]')).toBe('orderField');
    expect(panelLabel('foo')).toBeNull();
  });

  it('fold repeats of the same problem into one line with a count', () => {
    const { issues } = parseViewSearch('filter[id][]=a&filter[id][]=b&filter[id][]=c&foo=1');
    expect(noticeItems(issues).map((i) => [i.label ?? i.raw, i.count])).toEqual([
      ['ids', 3],
      ['foo', 1],
    ]);
  });
});
