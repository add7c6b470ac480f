// The local copy's packed form gives back every demo lead exactly, through a dictionary that survives
// a structured clone (IndexedDB), and is smaller than the leads it packs.
import { describe, expect, it } from 'vitest';
import { leadsPageSchema } from '@/kommo/lead-schema';
import { compactLead } from '@/lib/leads/compact-lead';
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
