import { describe, expect, it } from 'vitest';
import { leadSchema, type LeadWire } from '@/kommo/lead-schema';
import { compactLead, pooledString } from './compact-lead';

const wire: LeadWire = {
  id: 7,
  name: 'Deal',
  price: 100,
  updated_at: 1_700_000_000,
  custom_fields_values: [
    { field_id: 1, field_name: 'Industry', field_code: null, field_type: 'select', values: [{ value: 'Retail', enum_id: 11, enum_code: null }] },
    { field_id: 2, field_name: 'Note', field_type: 'text', values: [{ value: 'free text' }] },
  ],
  _links: { self: { href: '/api/v4/leads/7' } },
  unknown_key: { nested: true },
  _embedded: {
    tags: [{ id: 3, name: 'VIP', color: '#ff0000' }],
    contacts: [{ id: 9, is_main: true, _links: { self: { href: '/api/v4/contacts/9' } } }],
    loss_reason: [{ id: 4, name: 'Price', sort: 1, _links: { self: { href: '/x' } } }],
  },
};

describe('compactLead', () => {
  it('keeps every field the product reads, with the same values', () => {
    const parsed = leadSchema.parse(wire);
    const compact = compactLead(parsed);
    const { _links, unknown_key, ...known } = parsed as typeof parsed & Record<string, unknown>;
    expect(_links).toBeDefined();
    expect(unknown_key).toBeDefined();
    expect(compact).toMatchObject({
      ...known,
      _embedded: { tags: parsed._embedded.tags, contacts: [{ id: 9, is_main: true }], loss_reason: [{ id: 4, name: 'Price', sort: 1 }] },
    });
    expect(compact.custom_fields_values).toEqual(parsed.custom_fields_values);
  });

  it('drops unknown keys and per-item links', () => {
    const compact = compactLead(leadSchema.parse(wire));
    expect(compact).not.toHaveProperty('_links');
    expect(compact).not.toHaveProperty('unknown_key');
    expect(compact._embedded.contacts?.[0]).not.toHaveProperty('_links');
    expect(compact._embedded.loss_reason?.[0]).not.toHaveProperty('_links');
  });

  it('gives every lead the same keys, present or not, and shares empty lists', () => {
    const bare = compactLead(leadSchema.parse({ id: 8, updated_at: 1 }));
    const full = compactLead(leadSchema.parse(wire));
    expect(Object.keys(bare)).toEqual(Object.keys(full));
    expect(Object.keys(bare._embedded)).toEqual(Object.keys(full._embedded));
    expect(bare.custom_fields_values).toEqual([]);
    expect(bare._embedded.tags).toBe(bare._embedded.companies);
    expect(Object.isFrozen(bare._embedded.tags)).toBe(true);
  });

  it('pools repeated strings and leaves non-strings alone', () => {
    const a = 'Expected close date'.slice(0);
    const b = ['Expected', 'close', 'date'].join(' ');
    expect(pooledString(a)).toBe(pooledString(b));
    expect(pooledString(null)).toBeNull();
    expect(pooledString(undefined)).toBeUndefined();
  });
});
