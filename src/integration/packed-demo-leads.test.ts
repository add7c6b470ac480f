// The local copy's packed form gives back every demo lead exactly, through a dictionary that survives
// a structured clone (IndexedDB), and is smaller than the leads it packs.
import { describe, expect, it } from 'vitest';
import { leadsPageSchema } from '@/kommo/lead-schema';
import { compactLead } from '@/lib/leads/compact-lead';
import { leadsChangedInCopy } from '@/lib/local-copy/leads-changed-in-copy';
import { createFieldPacker } from '@/lib/local-copy/packed-lead';
import { createDemoAccount } from '@/server/demo/demo-account';

async function demoLeads(n: number) {
  const demo = createDemoAccount({ token: 't', leads: n, seed: 3, rateLimit: false });
  const res = await demo.app.request('/api/v4/leads?limit=250&with=contacts,loss_reason,catalog_elements,source_id', {
    headers: { Authorization: 'Bearer t' },
  });
  return leadsPageSchema.parse(await res.json())._embedded.leads.map(compactLead);
}

describe('packed demo leads', () => {
  it('give back every demo lead exactly, and the dictionary survives a structured clone (IndexedDB)', async () => {
    const leads = await demoLeads(250);
    const packer = createFieldPacker();
    const stored = structuredClone(leads.map((l) => packer.pack(l)));
    expect(packer.dirty).toBe(true);
    const reopened = createFieldPacker(structuredClone(packer.dictionary));
    for (const [i, row] of stored.entries()) expect(reopened.unpack(row)).toEqual(leads[i]);
    // The stored form is smaller: headers and choices are numbers.
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(leads).length * 0.75);
  });
});

describe('a refresh reading demo leads again (leads-changed-in-copy.ts)', () => {
  it('every demo lead read again equals its packed, stored and unpacked copy (the worker’s); a changed one does not', async () => {
    const read = await demoLeads(250);
    expect(read).toHaveLength(250);
    const packer = createFieldPacker();
    // As the worker stores them (compactLead, packed, IndexedDB's structured clone) and answers a slice.
    const stored = structuredClone(read.map((l) => packer.pack(compactLead(l)))).map((p) => packer.unpack(p));
    const reader = (query: { filter: { id: number[] } }) => {
      const leads = stored.filter((l) => query.filter.id.includes(l.id));
      return Promise.resolve({ count: leads.length, priceSum: 0, leads, nextOffset: null });
    };
    expect(await leadsChangedInCopy(read, reader)).toEqual([]);
    const first = read[0];
    const withFields = read.find((l) => (l.custom_fields_values?.length ?? 0) > 0);
    if (!first || !withFields) throw new Error('no demo lead with custom fields');
    // A custom field emptied in Kommo: the lead differs, whatever its updated_at says.
    expect((await leadsChangedInCopy([first, { ...withFields, custom_fields_values: [] }], reader)).map((l) => l.id)).toEqual([withFields.id]);
    expect((await leadsChangedInCopy([first, { ...first, price: (first.price ?? 0) + 1 }], reader)).map((l) => l.id)).toEqual([first.id]);
  });
});
