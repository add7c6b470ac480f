import { describe, expect, it } from 'vitest';
import { accountSchema } from '@/kommo/account-schema';
import { catalogElementsPageSchema, catalogsPageSchema } from '@/kommo/catalog-schema';
import { companiesPageSchema, contactsPageSchema } from '@/kommo/contact-schema';
import { customFieldsPageSchema } from '@/kommo/custom-field-schema';
import { lossReasonsResponseSchema } from '@/kommo/loss-reason-schema';
import { pipelinesResponseSchema } from '@/kommo/pipeline-schema';
import { problemSchema } from '@/kommo/problem-schema';
import { sourcesResponseSchema } from '@/kommo/source-schema';
import { tagsPageSchema } from '@/kommo/tag-schema';
import { usersPageSchema } from '@/kommo/user-schema';
import { createDemoAccount } from './demo-account';
import { createDemoTestClient } from './demo-test-client';

const TOKEN = 'endpoints-token';
const { app, data } = createDemoAccount({ token: TOKEN, leads: 1000, seed: 3, rateLimit: false });
const get = createDemoTestClient(app, TOKEN);

describe('companion endpoints', () => {
  it('/account adds datetime_settings and is_api_filter_enabled only when asked', async () => {
    const plain = await get('/api/v4/account');
    expect(plain.headers.get('Content-Type')).toBe('application/hal+json');
    const account = accountSchema.parse(plain.json);
    expect(account).toMatchObject({ name: 'Demo Sales Co', subdomain: 'demo', currency: 'USD', currency_symbol: '$' });
    expect(account.datetime_settings).toBeUndefined();
    expect(account.is_api_filter_enabled).toBeUndefined();
    const raw = (await get('/api/v4/account?with=datetime_settings,users_groups,is_api_filter_enabled')).json as Record<string, unknown>;
    // Where Kommo puts them: under _embedded, never at the top level.
    expect(raw).not.toHaveProperty('datetime_settings');
    expect(raw).toHaveProperty('_embedded.datetime_settings.timezone', 'America/Sao_Paulo');
    const full = accountSchema.parse(raw);
    expect(full.datetime_settings?.timezone).toBe('America/Sao_Paulo');
    expect(full.users_groups.find((g) => g.id === 0)?.name).toBeTruthy();
    expect(full.is_api_filter_enabled).toBe(true);
  });

  it('/leads/pipelines lists every pipeline with 142 and 143', async () => {
    const body = pipelinesResponseSchema.parse((await get('/api/v4/leads/pipelines')).json);
    expect(body._total_items).toBe(data.pipelines.length);
    for (const p of body._embedded.pipelines) expect(p._embedded.statuses.map((s) => s.id)).toEqual(expect.arrayContaining([142, 143]));
  });

  it('/users is paged with totals, and with=group adds groups', async () => {
    const first = await get('/api/v4/users?limit=10');
    const page = usersPageSchema.parse(first.json);
    expect(page).toMatchObject({ _total_items: data.users.length, _page: 1, _page_count: Math.ceil(data.users.length / 10) });
    expect(page._embedded.users).toHaveLength(10);
    expect(page._embedded.groups).toBeUndefined();
    expect(page._links.next?.href).toBe('/api/v4/users?page=2&limit=10');
    const all = usersPageSchema.parse((await get('/api/v4/users?with=group')).json);
    expect(all._embedded.users).toHaveLength(data.users.length);
    // Groups come per user, as Kommo sends them: no collection-level list.
    expect(all._embedded.groups).toBeUndefined();
    const named = new Set(all._embedded.users.flatMap((u) => u._embedded?.groups ?? []).map((g) => g.name));
    expect(named.size).toBeGreaterThan(1);
    for (const user of all._embedded.users) expect(user._embedded?.groups?.map((g) => g.id)).toEqual([user.rights?.group_id]);
    expect((await get('/api/v4/users?page=9&limit=10')).status).toBe(204);
  });

  it('/contacts resolves a batch of ids, answers 204 when none match, and refuses over 250 ids', async () => {
    const ids = [...new Set(data.leads.flatMap((l) => l.contactIds))].slice(0, 250);
    const answer = await get(`/api/v4/contacts?limit=250&${ids.map((id) => `filter[id][]=${id}`).join('&')}`);
    const page = contactsPageSchema.parse(answer.json);
    expect(page._embedded.contacts.map((c) => c.id)).toEqual([...ids].sort((a, b) => a - b));
    for (const contact of page._embedded.contacts) {
      const phone = contact.custom_fields_values.find((f) => f.field_code === 'PHONE');
      expect(phone?.values.length).toBeGreaterThan(0);
      for (const v of phone?.values ?? []) expect(['WORK', 'MOB']).toContain(v.enum_code);
    }
    expect(page._embedded.contacts.some((c) => c.custom_fields_values.some((f) => f.field_code === 'EMAIL'))).toBe(true);
    expect((await get('/api/v4/contacts?filter[id][]=1&filter[id][]=2')).status).toBe(204);
    const tooMany = await get(`/api/v4/contacts?${Array.from({ length: 251 }, (_, i) => `filter[id][]=${20_000_001 + i}`).join('&')}`);
    expect(tooMany.status).toBe(400);
    expect((await get('/api/v4/contacts?filter[id][]=x')).status).toBe(400);
  });

  it('/companies resolves ids and pages over all companies', async () => {
    const id = data.leads.find((l) => l.companyId !== null)!.companyId!;
    const page = companiesPageSchema.parse((await get(`/api/v4/companies?filter[id][]=${id}`)).json);
    expect(page._embedded.companies[0]?.id).toBe(id);
    const listing = companiesPageSchema.parse((await get('/api/v4/companies?limit=5')).json);
    expect(listing._embedded.companies).toHaveLength(5);
    expect(listing._links.next).toBeDefined();
  });

  it('/leads/custom_fields pages by 50, even when asked for more', async () => {
    const first = customFieldsPageSchema.parse((await get('/api/v4/leads/custom_fields?limit=250')).json);
    expect(first._embedded.custom_fields).toHaveLength(50);
    expect(first._total_items).toBe(data.leadCustomFieldDefinitions.length);
    expect(first._links.next?.href).toContain('page=2');
    const second = customFieldsPageSchema.parse((await get('/api/v4/leads/custom_fields?page=2')).json);
    expect(first._embedded.custom_fields.length + second._embedded.custom_fields.length).toBe(data.leadCustomFieldDefinitions.length);
    expect(second._links.next).toBeUndefined();
    expect(first._embedded.custom_fields.find((f) => f.type === 'select')?.enums.length).toBeGreaterThan(1);
    expect((await get('/api/v4/leads/custom_fields?page=3')).status).toBe(204);
  });

  it('/leads/loss_reasons, /leads/tags (paged), /sources', async () => {
    const reasons = lossReasonsResponseSchema.parse((await get('/api/v4/leads/loss_reasons')).json);
    expect(reasons._embedded.loss_reasons).toHaveLength(data.lossReasons.length);
    const tags = tagsPageSchema.parse((await get('/api/v4/leads/tags?limit=10')).json);
    expect(tags._embedded.tags).toHaveLength(10);
    expect(tags._links.next).toBeDefined();
    expect(tags._embedded.tags.some((t) => t.color !== null)).toBe(true);
    expect(data.tags.some((t) => t.color === null)).toBe(true);
    const sources = sourcesResponseSchema.parse((await get('/api/v4/sources')).json);
    expect(sources._embedded.sources.map((s) => s.id)).toEqual(data.sources.map((s) => s.id));
  });

  it('/catalogs and their elements: products with SKU and string PRICE, 404 for an unknown catalog', async () => {
    const catalogs = catalogsPageSchema.parse((await get('/api/v4/catalogs')).json);
    expect(catalogs._embedded.catalogs.map((c) => c.type).sort()).toEqual(['products', 'regular']);
    const linked = data.leads.find((l) => l.catalogElements.length > 0)!.catalogElements[0]!;
    const elements = catalogElementsPageSchema.parse((await get(`/api/v4/catalogs/${linked.catalog_id}/elements?filter[id][]=${linked.id}`)).json);
    expect(elements._embedded.elements.map((e) => e.id)).toEqual([linked.id]);
    const products = catalogElementsPageSchema.parse((await get(`/api/v4/catalogs/${data.productsCatalogId}/elements`)).json);
    for (const p of products._embedded.elements) {
      expect(p.custom_fields_values.find((f) => f.field_code === 'SKU')?.values[0]?.value).toMatch(/^SKU-/);
      expect(p.custom_fields_values.find((f) => f.field_code === 'PRICE')?.values[0]?.value).toMatch(/^\d+\.\d\d$/);
    }
    const missing = await get('/api/v4/catalogs/999/elements');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type')).toBe('application/problem+json');
    expect((await get(`/api/v4/catalogs/${data.productsCatalogId}/elements?filter[id][]=1`)).status).toBe(204);
  });

  it('answers byte-identical pages for the same seed, different ones for another seed', async () => {
    const path = '/api/v4/leads?limit=100&with=contacts,catalog_elements,loss_reason,source_id&order[updated_at]=desc';
    const twin = createDemoTestClient(createDemoAccount({ token: TOKEN, leads: 1000, seed: 3, rateLimit: false }).app, TOKEN);
    const other = createDemoTestClient(createDemoAccount({ token: TOKEN, leads: 1000, seed: 4, rateLimit: false }).app, TOKEN);
    const mine = (await get(path)).text;
    expect((await twin(path)).text).toBe(mine);
    expect((await other(path)).text).not.toBe(mine);
  });

  it('answers 404 problem+json for an unknown path and 405 for a write', async () => {
    for (const path of ['/api/v4/leads/123', '/api/v4/unknown', '/elsewhere']) {
      const answer = await get(path);
      expect(answer.status).toBe(404);
      expect(problemSchema.parse(answer.json).status).toBe(404);
    }
    const post = await get('/api/v4/leads', { method: 'POST', body: '[]' });
    expect(post.status).toBe(405);
    expect(post.headers.get('Content-Type')).toBe('application/problem+json');
  });
});
