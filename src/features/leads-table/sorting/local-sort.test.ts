import { afterEach, describe, expect, it, vi } from 'vitest';
import { leadSchema, type Lead, type LeadWire } from '@/kommo/lead-schema';
import { NO_ENTITIES, type ColumnContext } from '@/lib/leads-list/column-context';
import { formatMessage } from '@/lib/i18n/define-messages';
import { leadColumnMessages } from '@/lib/leads-list/lead-column-messages';
import { columnDefinition, type LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import { buildLeadReference } from '@/lib/reference-data/lead-reference';
import { firstSortDirection, isLocallySortable, sortLeads } from './local-sort';

const reference = buildLeadReference({
  account: { id: 1, name: 'Acme', subdomain: 'acme', currency: 'USD', datetime_settings: { timezone: 'UTC' }, users_groups: [] },
  pipelines: [
    {
      id: 1,
      name: 'Sales',
      sort: 1,
      is_main: true,
      is_archive: false,
      _embedded: {
        statuses: [
          { id: 10, name: 'Negotiation', sort: 20, color: '#fff', type: 0, pipeline_id: 1 },
          { id: 11, name: 'First contact', sort: 10, color: '#fff', type: 0, pipeline_id: 1 },
        ],
      },
    },
  ],
  users: [
    { id: 5, name: 'Zoe', rights: { is_active: true } },
    { id: 6, name: 'adam', rights: { is_active: true } },
  ],
  groups: [],
  customFields: [
    { id: 100, name: 'Budget', type: 'numeric', sort: 1, enums: [] },
    { id: 101, name: 'City', type: 'text', sort: 2, enums: [] },
  ],
});

const lead = (wire: Partial<LeadWire> & { id: number }): Lead => leadSchema.parse({ updated_at: 1, ...wire });
const LEADS = [
  lead({
    id: 1,
    name: 'b',
    price: 300,
    status_id: 10,
    pipeline_id: 1,
    responsible_user_id: 5,
    custom_fields_values: [{ field_id: 100, values: [{ value: '9' }] }],
  }),
  lead({
    id: 2,
    name: 'A',
    price: null,
    status_id: 11,
    pipeline_id: 1,
    responsible_user_id: 6,
    custom_fields_values: [
      { field_id: 100, values: [{ value: '10' }] },
      { field_id: 101, values: [{ value: 'Lima' }] },
    ],
  }),
  lead({ id: 3, name: 'c', price: 1000, status_id: 11, pipeline_id: 1, responsible_user_id: null }),
];
const ids = (leads: Lead[]) => leads.map((l) => l.id);
const ctx: ColumnContext = {
  ref: reference,
  entities: NO_ENTITIES,
  text: (key, values) => formatMessage(leadColumnMessages.en[key], values, 'en'),
};
const column = (id: string): LeadColumnDefinition => {
  const definition = columnDefinition(id, reference.customFieldsById);
  if (!definition) throw new Error(`no column ${id}`);
  return definition;
};
const sortBy = (id: string, direction: 'asc' | 'desc') => ids(sortLeads(LEADS, { column: id, direction }, column(id), ctx, 'en'));

describe('sortLeads', () => {
  it('sorts by price as numbers, empty prices last in both directions', () => {
    expect(sortBy('price', 'desc')).toEqual([3, 1, 2]);
    expect(sortBy('price', 'asc')).toEqual([1, 3, 2]);
  });

  it('sorts a numeric custom field by number, not text (10 after 9), and a text field alphabetically', () => {
    expect(sortBy('cf_100', 'asc')).toEqual([1, 2, 3]);
    expect(sortBy('cf_100', 'desc')).toEqual([2, 1, 3]);
    expect(sortBy('cf_101', 'asc')[0]).toBe(2);
  });

  it('sorts names case-insensitively, users by name, stages by their place in the pipeline', () => {
    expect(sortBy('name', 'asc')).toEqual([2, 1, 3]);
    expect(sortBy('responsible', 'asc')).toEqual([2, 1, 3]);
    // First contact (sort 10) before Negotiation (sort 20); ties keep the loaded order.
    expect(sortBy('stage', 'asc')).toEqual([2, 3, 1]);
  });

  describe('the attention column while the clock passes a whole day', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('reads every lead at one instant: two tasks due at the same second keep their loaded order while the clock passes a day', () => {
      const due = Date.UTC(2026, 11, 6, 12) / 1000;
      // Both tasks were due exactly one day ago, give or take the millisecond the sort reads each at.
      const dueTwice = [lead({ id: 7, closest_task_at: due }), lead({ id: 8, closest_task_at: due })];
      let tick = (due + 86_400) * 1000 - 1;
      vi.spyOn(Date, 'now').mockImplementation(() => tick++);
      // Worst first: with one clock read per lead, lead 8 read a day overdue and lead 7 "today".
      expect(ids(sortLeads(dueTwice, { column: 'attention', direction: 'desc' }, column('attention'), ctx, 'en'))).toEqual([7, 8]);
    });
  });

  it('never changes the list it is given', () => {
    const copy = [...LEADS];
    sortLeads(LEADS, { column: 'price', direction: 'desc' }, column('price'), ctx, 'en');
    expect(LEADS).toEqual(copy);
  });

  it('starts names A to Z and amounts largest first; contact and company are not sortable', () => {
    expect(firstSortDirection(column('name'))).toBe('asc');
    expect(firstSortDirection(column('price'))).toBe('desc');
    expect(firstSortDirection(column('cf_100'))).toBe('desc');
    expect(firstSortDirection(column('cf_101'))).toBe('asc');
    expect(isLocallySortable(column('main_contact'))).toBe(false);
    expect(isLocallySortable(column('cf_100'))).toBe(true);
  });
});
