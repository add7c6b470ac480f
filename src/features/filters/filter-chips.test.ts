import { describe, expect, it } from 'vitest';
import type { LeadsQuery } from '@/kommo/leads-query';
import { formatMessage, type MessageValues } from '@/lib/i18n/define-messages';
import { buildFilterChips } from './filter-chips';
import { filtersMessages, type FiltersMessageKey } from './filters-messages';
import type { FilterReference } from './use-filter-reference';

const t = (key: FiltersMessageKey, values?: MessageValues) => formatMessage(filtersMessages.en[key], values, 'en-US');
const reference: FilterReference = {
  users: [{ id: 1, name: 'Ana Souza', rights: { is_active: true } }],
  pipelines: [
    {
      id: 10,
      name: 'Sales',
      sort: 1,
      is_main: true,
      _embedded: { statuses: [{ id: 142, name: 'Won', sort: 1, color: '#0f0', type: 0, pipeline_id: 10 }] },
    },
  ],
  timezone: 'America/Sao_Paulo',
  currentUserId: 1,
  loading: false,
};
const utc = (iso: string) => Date.parse(iso) / 1000;

describe('buildFilterChips', () => {
  const query: LeadsQuery = {
    query: 'acme',
    with: ['contacts', 'only_deleted'],
    order: { field: 'id', direction: 'asc' },
    filter: {
      responsible_user_id: [1, 99],
      statuses: [
        { pipeline_id: 10, status_id: 142 },
        { pipeline_id: 11, status_id: 142 },
      ],
      price: { from: 5000 },
      created_at: { from: utc('2025-06-01T03:00:00Z'), to: utc('2025-07-01T02:59:59Z') },
    },
  };
  const chips = buildFilterChips(query, reference, t, 'en-US');
  const byKey = (key: string) => chips.find((c) => c.key === key);

  it('labels with names, not ids, and falls back for unknown ids', () => {
    expect(chips.map((c) => c.label)).toEqual([
      'Deleted leads only',
      'Search: acme',
      'Price: from 5,000',
      'Responsible: Ana Souza, Unknown user 99',
      'Stage: Won (2 pipelines)',
      'Created: Jun 1, 2025 – Jun 30, 2025',
      'Also load: Contacts',
    ]);
    // The order is not a filter; "Also load" is shown but not counted as one.
    expect(byKey('order')).toBeUndefined();
    expect(chips.filter((c) => c.counts === false).map((c) => c.key)).toEqual(['with']);
    const single = buildFilterChips({ filter: { statuses: [{ pipeline_id: 10, status_id: 142 }] } }, reference, t, 'en-US');
    expect(single.map((c) => c.label)).toEqual(['Stage: Sales › Won']);
    expect(single[0]?.color).toBe('#0f0');
  });

  it('each chip carries the view without it', () => {
    expect(byKey('stages-across:142')?.next.filter?.statuses).toBeUndefined();
    expect(byKey('deleted')?.next.with).toEqual(['contacts']);
    expect(byKey('with')?.next.with).toEqual(['only_deleted']);
    expect(byKey('query')?.next.query).toBeUndefined();
    expect(byKey('price')?.next.filter?.price).toBeUndefined();
    const onlyOne = buildFilterChips({ filter: { id: [1] } }, reference, t, 'en-US');
    expect(onlyOne[0]?.next).toEqual({});
  });

  it('"without tasks" is one chip that removes only tasks=none', () => {
    const view: LeadsQuery = { order: { field: 'updated_at', direction: 'asc' }, tasks: 'none' };
    const tasks = buildFilterChips(view, reference, t, 'en-US').find((c) => c.key === 'tasks');
    expect(tasks?.label).toBe('Without tasks');
    expect(tasks?.next).toEqual({ order: { field: 'updated_at', direction: 'asc' } });
  });

  it('"open leads only" is one chip naming its pipelines (not its stages), and removing it removes only the rule', () => {
    const mine: LeadsQuery = { filter: { responsible_user_id: [1] }, open: 'all' };
    const all = buildFilterChips(mine, reference, t, 'en-US').find((c) => c.key === 'open');
    expect(all?.label).toBe('Open leads only');
    expect(all?.next).toEqual({ filter: { responsible_user_id: [1] } });
    const some = buildFilterChips({ open: [10, 99] }, reference, t, 'en-US').find((c) => c.key === 'open');
    expect(some?.label).toBe('Open leads only: Sales, Pipeline 99');
  });

  it('several stages of one pipeline fold into one chip that removes them all', () => {
    const view: LeadsQuery = {
      filter: {
        statuses: [
          { pipeline_id: 10, status_id: 1 },
          { pipeline_id: 10, status_id: 2 },
          { pipeline_id: 11, status_id: 142 },
          { pipeline_id: 10, status_id: 3 },
        ],
      },
    };
    const folded = buildFilterChips(view, reference, t, 'en-US');
    expect(folded.map((c) => c.label)).toEqual(['Sales: 3 stages', 'Stage: Pipeline 11 › Stage 142']);
    expect(folded[0]?.next.filter?.statuses).toEqual([{ pipeline_id: 11, status_id: 142 }]);
  });

  it('rolling presets read as words, and old links\' epoch start is not "Dec 31, 1969"', () => {
    const [overdue, month] = buildFilterChips({ dates: { closest_task_at: 'beforeNow', closed_at: 'thisMonth' } }, reference, t, 'en-US');
    expect(month?.label).toBe('Closest task: before now (overdue)');
    expect(overdue?.label).toBe('Closed: This month');
    expect(overdue?.next).toEqual({ dates: { closest_task_at: 'beforeNow' } });
    const [old] = buildFilterChips({ filter: { closest_task_at: { from: 0, to: utc('2025-06-02T15:00:00Z') } } }, reference, t, 'en-US');
    expect(old?.label).toBe('Closest task: until Jun 2, 2025');
  });

  it('open-ended date ranges', () => {
    const [since] = buildFilterChips({ filter: { closed_at: { from: utc('2025-06-02T03:00:00Z') } } }, reference, t, 'en-US');
    expect(since?.label).toBe('Closed: since Jun 2, 2025');
  });
});
