import { describe, expect, it } from 'vitest';
import { leadsPageSchema } from './lead-schema';
import { tagsPageSchema } from './tag-schema';

const lead = (extra: Record<string, unknown>) => ({ id: 1, updated_at: 1, ...extra });

describe('lenient reading of Kommo lists', () => {
  it('keeps a lead whose values come in odd shapes, counting each value it could not read', () => {
    const page = leadsPageSchema.parse({
      _embedded: {
        leads: [
          lead({
            price: 'a lot',
            custom_fields_values: [
              { field_id: 5, field_type: 'some_future_type', values: [{ value: { deeply: { nested: true } } }] },
              { field_id: 6, field_type: 'text', values: ['bare text', 7, null, [1, 2]] },
              { field_id: 'x', values: [] },
            ],
          }),
          lead({ id: 2 }),
        ],
      },
    });
    const [odd, plain] = page._embedded.leads;
    expect(plain?.unreadable).toBe(0);
    expect(odd?.price).toBeNull();
    // An object value with no text to show is flagged: its cell shows the neutral mark, never JSON.
    expect(odd?.custom_fields_values[0]?.values[0]).toMatchObject({ value: { deeply: { nested: true } }, unreadable: true });
    // Bare primitives are read as values; null and an array are unreadable items.
    expect(odd?.custom_fields_values[1]?.values.map((v) => v.value ?? (v.unreadable ? 'unreadable' : undefined))).toEqual([
      'bare text',
      7,
      'unreadable',
      'unreadable',
    ]);
    // A field with no numeric id: one unreadable value of field 0.
    expect(odd?.custom_fields_values[2]).toMatchObject({ field_id: 0, values: [{ unreadable: true }] });
    // price (dropped) + the nested object + two unreadable items + the unreadable field.
    expect(odd?.unreadable).toBe(5);
  });

  it('leaves out only the items with no readable id; the page itself still parses', () => {
    const page = leadsPageSchema.parse({ _embedded: { leads: [{ name: 'no id', updated_at: 1 }, lead({ id: 3 }), 'garbage'] } });
    expect(page._embedded.leads.map((l) => l.id)).toEqual([3]);
    const tags = tagsPageSchema.parse({
      _embedded: {
        tags: [
          { id: 1, name: 'ok', color: 'DDEBB5' },
          { id: 2, name: 42 },
          { id: 3, name: 'bad colour', color: 'red; background:url(x)' },
        ],
      },
    });
    expect(tags._embedded.tags).toEqual([
      { id: 1, name: 'ok', color: '#ddebb5' },
      { id: 3, name: 'bad colour', color: null },
    ]);
  });

  it('fails a page only when its envelope is unreadable', () => {
    expect(leadsPageSchema.safeParse({ _embedded: { leads: 'nope' } }).success).toBe(false);
    expect(leadsPageSchema.safeParse({ _embedded: {} }).success).toBe(false);
  });
});
