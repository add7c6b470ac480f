// The hostile demo account serves its payloads intact (JSON-escaped, never altered) through every
// endpoint the table reads, and its answers still pass the product's schemas.
import { describe, expect, it } from 'vitest';
import { contactsPageSchema } from '@/kommo/contact-schema';
import { customFieldsPageSchema } from '@/kommo/custom-field-schema';
import { leadsPageSchema } from '@/kommo/lead-schema';
import { tagsPageSchema } from '@/kommo/tag-schema';
import { createDemoAccount } from './demo-account';
import { HOSTILE_TEXTS, LAYOUT_PAYLOADS, XSS_TEXT_PAYLOADS, XSS_URL_PAYLOADS } from './hostile-fixture';

const TOKEN = 'chaos-hostile-token';
const demo = createDemoAccount({ leads: 300, token: TOKEN, rateLimit: false, fixture: 'hostile' });

async function get(path: string): Promise<unknown> {
  const res = await demo.app.request(path, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status, path).toBe(200);
  return res.json();
}

describe('the hostile demo fixture', () => {
  it('gives every lead a hostile name and keeps ids, stages and prices of the normal account', async () => {
    const normal = createDemoAccount({ leads: 300, token: TOKEN, rateLimit: false });
    expect(demo.data.leads.map((l) => [l.id, l.status_id, l.price])).toEqual(normal.data.leads.map((l) => [l.id, l.status_id, l.price]));
    expect(demo.data.leads.every((l) => HOSTILE_TEXTS.includes(l.name))).toBe(true);
    const names = new Set(demo.data.leads.map((l) => l.name));
    expect(names.size).toBe(HOSTILE_TEXTS.length);
  });

  it('serves lead names, tags, custom field texts and URLs with the payloads verbatim, and they pass the schemas', async () => {
    const page = leadsPageSchema.parse(await get('/api/v4/leads?limit=250&with=contacts'));
    const leads = page._embedded.leads;
    expect(leads.length).toBe(250);
    const names = leads.map((l) => l.name ?? '');
    for (const payload of XSS_TEXT_PAYLOADS.slice(0, 5)) expect(names).toContain(payload);
    expect(names.some((n) => n.length === 10_000)).toBe(true);
    const tagNames = leads.flatMap((l) => (l._embedded?.tags ?? []).map((t) => t.name));
    expect(tagNames.length).toBeGreaterThan(0);
    expect(tagNames.every((n) => HOSTILE_TEXTS.includes(n))).toBe(true);
    const values = leads.flatMap((l) => (l.custom_fields_values ?? []).flatMap((f) => f.values.map((v) => ({ type: f.field_type, value: v.value }))));
    const urls = values.filter((v) => v.type === 'url').map((v) => v.value);
    expect(new Set(urls)).toEqual(new Set(XSS_URL_PAYLOADS));
    expect(values.some((v) => v.type === 'textarea' && typeof v.value === 'string' && LAYOUT_PAYLOADS.includes(v.value))).toBe(true);
  });

  it('serves hostile contact names and emails, tag list and field names', async () => {
    const contacts = contactsPageSchema.parse(await get('/api/v4/contacts?limit=50'));
    for (const c of contacts._embedded.contacts) expect(HOSTILE_TEXTS.some((t) => (c.name ?? '').startsWith(t))).toBe(true);
    const tags = tagsPageSchema.parse(await get('/api/v4/leads/tags'));
    expect(tags._embedded.tags.every((t) => HOSTILE_TEXTS.includes(t.name))).toBe(true);
    const fields = customFieldsPageSchema.parse(await get('/api/v4/leads/custom_fields'));
    expect(fields._embedded.custom_fields.some((f) => f.name.includes('<script>'))).toBe(true);
  });

  it('finds hostile leads by full-text query, payload characters included', async () => {
    const res = await demo.app.request(`/api/v4/leads?query=${encodeURIComponent('<svg onload')}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const page = leadsPageSchema.parse(await res.json());
    expect(page._embedded.leads.every((l) => (l.name ?? '').toLowerCase().includes('<svg onload') || l.custom_fields_values !== null)).toBe(true);
  });
});
