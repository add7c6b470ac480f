import { describe, expect, it } from 'vitest';
import { viewKey } from './view-key';

describe('viewKey', () => {
  it('is the same for the same view whatever its key order, paging or with=', () => {
    const a = viewKey({ query: 'acme', filter: { responsible_user_id: [5], price: { from: 10 } }, order: { field: 'id', direction: 'asc' } });
    const b = viewKey({
      order: { field: 'id', direction: 'asc' },
      filter: { price: { from: 10 }, responsible_user_id: [5] },
      query: 'acme',
      page: 3,
      limit: 50,
      with: ['contacts', 'loss_reason'],
    });
    expect(a).toBe(b);
    expect(viewKey({})).toBe('');
  });

  it('tells apart views that differ by the app-only parts: a rolling date range, leads without tasks, the order', () => {
    const keys = [
      viewKey({}),
      viewKey({ tasks: 'none' }),
      viewKey({ dates: { closed_at: 'thisMonth' } }),
      viewKey({ dates: { closed_at: 'lastMonth' } }),
      viewKey({ order: { field: 'created_at', direction: 'desc' } }),
      viewKey({ order: { field: 'created_at', direction: 'asc' } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(viewKey({ dates: { closed_at: 'thisMonth' }, tasks: 'none' })).toBe('date[closed_at]=thisMonth&tasks=none');
  });
});
