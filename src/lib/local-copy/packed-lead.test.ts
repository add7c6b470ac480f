// The packed form of a lead gives back exactly the lead: enum choices, catalog elements, unreadable
// values and unknown shapes (every demo lead: src/integration/packed-demo-leads.test.ts).
import { describe, expect, it } from 'vitest';
import { compactLead } from '@/lib/leads/compact-lead';
import { leadsPageSchema } from '@/kommo/lead-schema';
import { createFieldPacker } from './packed-lead';

describe('packed leads', () => {
  it('keeps enum choices, catalog elements, unreadable values and unknown shapes', () => {
    const packer = createFieldPacker();
    const lead = compactLead(
      leadsPageSchema.parse({
        _links: {},
        _embedded: {
          leads: [
            {
              id: 1,
              name: 'x',
              updated_at: 1,
              custom_fields_values: [
                { field_id: 5, field_name: 'Stage', field_code: null, field_type: 'select', values: [{ value: 'A', enum_id: 9, enum_code: null }] },
                {
                  field_id: 6,
                  field_name: 'Items',
                  field_code: 'ITEMS',
                  field_type: 'chained_list',
                  values: [{ catalog_id: 3, catalog_element_id: 77 }],
                },
                { field_id: 7, field_name: 'Broken', field_type: 'text', values: 'not a list' },
                { field_id: 8, values: [{ value: 12 }, { value: 'thirteen' }] },
              ],
            },
          ],
        },
      })._embedded.leads[0]!,
    );
    expect(packer.unpack(structuredClone(packer.pack(lead)))).toEqual(lead);
  });
});
