import { describe, expect, it } from 'vitest';
import { leadSchema, type Lead, type LeadWire } from '@/kommo/lead-schema';
import { formatMessage } from '@/lib/i18n/define-messages';
import { buildLeadReference } from '@/lib/reference-data/lead-reference';
import { NO_ENTITIES, type ColumnContext } from './column-context';
import { averageOf, columnTotals } from './column-totals';
import { leadColumnMessages } from './lead-column-messages';
import { columnDefinition, customFieldColumn, type LeadColumnDefinition } from './lead-column-registry';

const fields = [
  { id: 100, name: 'Budget', type: 'numeric', sort: 1, enums: [] },
  { id: 101, name: 'Deal value', type: 'monetary', sort: 2, enums: [] },
  { id: 102, name: 'Signed on', type: 'date', sort: 3, enums: [] },
  { id: 103, name: 'City', type: 'text', sort: 4, enums: [] },
];
const reference = buildLeadReference({
  account: { id: 1, name: 'Acme', subdomain: 'acme', currency: 'USD', datetime_settings: { timezone: 'UTC' }, users_groups: [] },
  pipelines: [],
  users: [],
  groups: [],
  customFields: fields,
});
const ctx: ColumnContext = {
  ref: reference,
  entities: NO_ENTITIES,
  text: (key, values) => formatMessage(leadColumnMessages.en[key], values, 'en'),
};
const lead = (wire: Partial<LeadWire> & { id: number }): Lead => leadSchema.parse({ updated_at: 1, ...wire });
const cf = (field_id: number, value: string | number) => ({ field_id, values: [{ value }] });
const price = columnDefinition('price', reference.customFieldsById) as LeadColumnDefinition;
const [budget, dealValue, signedOn, city] = reference.customFields.map((f) => customFieldColumn(f)) as LeadColumnDefinition[];

describe('the totals row over the loaded leads', () => {
  const leads = [
    lead({ id: 1, price: 1000, custom_fields_values: [cf(100, 10), cf(101, '250.5'), cf(103, 'Lima')] }),
    lead({ id: 2, price: null, custom_fields_values: [cf(100, '2.5')] }),
    lead({ id: 3, price: 500, custom_fields_values: [] }),
    lead({ id: 4, price: 0, custom_fields_values: [cf(101, 'not a number')] }),
  ];

  it('adds the price of every lead, an empty price adding nothing: the status line sums the same way', () => {
    const total = columnTotals(leads, [price], ctx).get('price');
    expect(total).toEqual({ sum: 1500, count: 3, money: true });
    expect(total?.sum).toBe(leads.reduce((s, l) => s + (l.price ?? 0), 0));
  });

  it('averages over the leads that have a value (a price of 0 is a value; no price is not)', () => {
    const total = columnTotals(leads, [price], ctx).get('price');
    expect(total && averageOf(total)).toBe(500);
  });

  it('sums number and monetary custom fields, ignoring empty and unreadable values', () => {
    const totals = columnTotals(leads, [budget, dealValue] as LeadColumnDefinition[], ctx);
    expect(totals.get(budget?.id ?? '')).toEqual({ sum: 12.5, count: 2, money: false });
    expect(totals.get(dealValue?.id ?? '')).toEqual({ sum: 250.5, count: 1, money: false });
  });

  it('leaves out columns that do not add up: dates, text, the lead ID', () => {
    const totals = columnTotals(leads, [signedOn, city, columnDefinition('id', reference.customFieldsById)] as LeadColumnDefinition[], ctx);
    expect(totals.size).toBe(0);
  });

  it('has no average when no lead has a value, and a sum of zero', () => {
    const total = columnTotals([lead({ id: 9, price: null })], [price], ctx).get('price');
    expect(total).toEqual({ sum: 0, count: 0, money: true });
    expect(total && averageOf(total)).toBeNull();
  });
});
