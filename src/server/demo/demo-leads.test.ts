import { describe, expect, it } from 'vitest';
import { leadsPageSchema } from '@/kommo/lead-schema';
import { problemSchema } from '@/kommo/problem-schema';
import { createDemoAccount } from './demo-account';
import { createDemoTestClient, type DemoAnswer } from './demo-test-client';
import { LOST_STATUS_ID, WON_STATUS_ID } from './demo-reference';
import type { DemoLead } from './demo-data';

const TOKEN = 'test-token';
const { app, data } = createDemoAccount({ token: TOKEN, leads: 2000, seed: 7, rateLimit: false });
const get = createDemoTestClient(app, TOKEN);

type WireLead = Record<string, unknown> & { id: number; _embedded: Record<string, unknown> };
const leadsOf = (a: DemoAnswer) => (a.json as { _embedded: { leads: WireLead[] } })._embedded.leads;
const linksOf = (a: DemoAnswer) => (a.json as { _links: Record<string, { href: string } | undefined> })._links;

/** All leads matching a query string, walking the pages by `_links.next`. */
async function all(query: string): Promise<WireLead[]> {
  const out: WireLead[] = [];
  let path: string | undefined = `/api/v4/leads?limit=250${query ? `&${query}` : ''}`;
  for (let guard = 0; path && guard < 50; guard++) {
    const answer = await get(path);
    if (answer.status === 204) break;
    expect(answer.status).toBe(200);
    expect(() => leadsPageSchema.parse(answer.json)).not.toThrow();
    out.push(...leadsOf(answer));
    path = linksOf(answer).next?.href;
  }
  return out;
}

function expectValidation(answer: DemoAnswer, path: string) {
  expect(answer.status).toBe(400);
  expect(answer.headers.get('Content-Type')).toBe('application/problem+json');
  const problem = problemSchema.parse(answer.json);
  expect(problem.status).toBe(400);
  const errors = problem['validation-errors']?.[0];
  expect(errors?.request_id).toBeTruthy();
  expect(errors?.errors.map((e) => e.path)).toContain(path);
  for (const e of errors?.errors ?? []) expect(e.code && e.detail).toBeTruthy();
}

const sample = data.leads[123] as DemoLead;

describe('GET /api/v4/leads: paging and shape', () => {
  it('serves 50 leads by default, as hal+json passing the schema, with self/next/first links', async () => {
    const answer = await get('/api/v4/leads');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toBe('application/hal+json');
    const page = leadsPageSchema.parse(answer.json);
    expect(page._page).toBe(1);
    expect(page._embedded.leads).toHaveLength(50);
    expect(page._embedded.leads.map((l) => l.id)).toEqual(data.leads.slice(0, 50).map((l) => l.id));
    const links = linksOf(answer);
    expect(links.self?.href).toBe('/api/v4/leads?page=1&limit=50');
    expect(links.next?.href).toBe('/api/v4/leads?page=2&limit=50');
    expect(links.first?.href).toBe('/api/v4/leads?page=1&limit=50');
    expect(links.prev).toBeUndefined();
  });

  it('keeps the request parameters in the links and adds prev after page 1', async () => {
    const answer = await get('/api/v4/leads?filter[pipeline_id][]=' + sample.pipeline_id + '&page=3&limit=5');
    const links = linksOf(answer);
    expect(links.prev?.href).toBe(`/api/v4/leads?filter[pipeline_id][]=${sample.pipeline_id}&page=2&limit=5`);
    expect(links.next?.href).toBe(`/api/v4/leads?filter[pipeline_id][]=${sample.pipeline_id}&page=4&limit=5`);
  });

  it('walks every lead exactly once by next links, the last page has no next', async () => {
    const leads = await all('');
    expect(leads.map((l) => l.id)).toEqual(data.leads.map((l) => l.id));
  });

  it('answers 204 with an empty body past the end and for an empty result', async () => {
    for (const path of ['/api/v4/leads?page=9&limit=250', '/api/v4/leads?page=1000000', '/api/v4/leads?filter[id][]=1']) {
      const answer = await get(path);
      expect(answer.status).toBe(204);
      expect(answer.text).toBe('');
    }
  });

  it('honours limit up to 250 and refuses more with problem+json', async () => {
    expect(leadsOf(await get('/api/v4/leads?limit=250'))).toHaveLength(250);
    expect(leadsOf(await get('/api/v4/leads?limit=1'))).toHaveLength(1);
    expectValidation(await get('/api/v4/leads?limit=251'), 'limit');
    expectValidation(await get('/api/v4/leads?limit=0'), 'limit');
    expectValidation(await get('/api/v4/leads?page=abc'), 'page');
  });

  it('always embeds tags and companies, and omits with-only fields without with', async () => {
    for (const lead of leadsOf(await get('/api/v4/leads?limit=250'))) {
      expect(Array.isArray(lead._embedded.tags)).toBe(true);
      expect(Array.isArray(lead._embedded.companies)).toBe(true);
      expect((lead._embedded.companies as unknown[]).length).toBeLessThanOrEqual(1);
      for (const key of ['source_id', 'is_price_modified_by_robot']) expect(lead).not.toHaveProperty(key);
      for (const key of ['contacts', 'loss_reason', 'catalog_elements']) expect(lead._embedded).not.toHaveProperty(key);
      expect(lead).toHaveProperty('loss_reason_id');
    }
  });
});

describe('GET /api/v4/leads: with', () => {
  it('with=contacts embeds {id, is_main} with one main contact', async () => {
    const leads = leadsOf(await get('/api/v4/leads?limit=250&with=contacts'));
    for (const lead of leads) {
      const contacts = lead._embedded.contacts as { id: number; is_main: boolean }[];
      expect(Array.isArray(contacts)).toBe(true);
      if (contacts.length > 0) expect(contacts.filter((c) => c.is_main)).toHaveLength(1);
    }
    expect(leads.some((l) => (l._embedded.contacts as unknown[]).length > 1)).toBe(true);
  });

  it('with=loss_reason embeds an array on lost leads with a reason', async () => {
    const lost = data.leads.find((l) => l.loss_reason_id !== null)!;
    const [lead] = leadsOf(await get(`/api/v4/leads?with=loss_reason&filter[id][]=${lost.id}`));
    const reasons = lead!._embedded.loss_reason as { id: number; name: string }[];
    expect(reasons).toEqual([expect.objectContaining({ id: lost.loss_reason_id, name: expect.any(String), sort: expect.any(Number) })]);
    expect(lost.status_id).toBe(LOST_STATUS_ID);
  });

  it('with=catalog_elements embeds {id, metadata: {quantity, catalog_id}}', async () => {
    const linked = data.leads.find((l) => l.catalogElements.length > 0)!;
    const [lead] = leadsOf(await get(`/api/v4/leads?with=catalog_elements&filter[id][]=${linked.id}`));
    expect(lead!._embedded.catalog_elements).toEqual(
      linked.catalogElements.map((e) => ({ id: e.id, metadata: { quantity: e.quantity, catalog_id: e.catalog_id } })),
    );
    const parsed = leadsPageSchema.parse({ _embedded: { leads: [lead] } });
    expect(parsed._embedded.leads[0]!._embedded.catalog_elements?.[0]?.quantity).toBe(linked.catalogElements[0]!.quantity);
  });

  it('with=source_id and with=is_price_modified_by_robot add those fields', async () => {
    const leads = leadsOf(await get('/api/v4/leads?limit=250&with=source_id,is_price_modified_by_robot'));
    for (const lead of leads) {
      expect(lead).toHaveProperty('source_id');
      expect(typeof lead.is_price_modified_by_robot).toBe('boolean');
    }
    const sourceIds = new Set(data.sources.map((s) => s.id));
    const used = leads.map((l) => l.source_id).filter((id) => id !== null);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(sourceIds.has(id as number)).toBe(true);
  });

  it('with=only_deleted lists restorable deleted leads: id, updated_at, is_deleted, the rest null', async () => {
    const answer = await get('/api/v4/leads?with=only_deleted&limit=250');
    const leads = leadsOf(answer);
    expect(leads.length).toBe(Math.min(250, data.deletedLeads.length));
    const activeIds = new Set(data.leads.map((l) => l.id));
    for (const lead of leads) {
      expect(activeIds.has(lead.id)).toBe(false);
      expect(lead.is_deleted).toBe(true);
      expect(typeof lead.updated_at).toBe('number');
      for (const [key, value] of Object.entries(lead)) if (!['id', 'updated_at', 'is_deleted', '_links'].includes(key)) expect(value, key).toBeNull();
    }
    expect(() => leadsPageSchema.parse(answer.json)).not.toThrow();
    expect((await get('/api/v4/leads?with=only_deleted&filter[pipeline_id][]=' + sample.pipeline_id)).status).toBe(204);
  });
});

describe('GET /api/v4/leads: order', () => {
  it('defaults to id ascending', async () => {
    const ids = leadsOf(await get('/api/v4/leads?limit=250')).map((l) => l.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  for (const field of ['id', 'created_at', 'updated_at'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`orders by ${field} ${direction} across pages`, async () => {
        const leads = await all(`order[${field}]=${direction}`);
        expect(leads).toHaveLength(data.leads.length);
        const values = leads.map((l) => l[field] as number);
        const sorted = [...values].sort((a, b) => (direction === 'asc' ? a - b : b - a));
        expect(values).toEqual(sorted);
      });
    }
  }

  it('orders by created_at differently from id (created_at is jittered)', async () => {
    const byCreated = leadsOf(await get('/api/v4/leads?limit=250&order[created_at]=asc')).map((l) => l.id);
    expect(byCreated).not.toEqual([...byCreated].sort((a, b) => a - b));
  });
});

describe('GET /api/v4/leads: filters', () => {
  const total = data.leads.length;
  const cases: [string, string, (l: DemoLead) => boolean][] = [
    ['id', `filter[id][]=${sample.id}&filter[id][]=${data.leads[5]!.id}`, (l) => l.id === sample.id || l.id === data.leads[5]!.id],
    ['name', `filter[name][]=${encodeURIComponent(sample.name.toUpperCase())}`, (l) => l.name.toLowerCase() === sample.name.toLowerCase()],
    ['created_by', `filter[created_by][]=${sample.created_by}`, (l) => l.created_by === sample.created_by],
    ['updated_by', `filter[updated_by][0]=${sample.updated_by}`, (l) => l.updated_by === sample.updated_by],
    [
      'responsible_user_id',
      `filter[responsible_user_id][]=${sample.responsible_user_id}`,
      (l) => l.responsible_user_id === sample.responsible_user_id,
    ],
    ['pipeline_id', `filter[pipeline_id][]=${sample.pipeline_id}`, (l) => l.pipeline_id === sample.pipeline_id],
    ['price exact', `filter[price]=${sample.price}`, (l) => l.price === sample.price],
    ['price range', 'filter[price][from]=1000&filter[price][to]=5000', (l) => l.price >= 1000 && l.price <= 5000],
    ['price from only', 'filter[price][from]=100000', (l) => l.price >= 100000],
    [
      'created_at range',
      `filter[created_at][from]=${sample.created_at - 86400 * 30}&filter[created_at][to]=${sample.created_at}`,
      (l) => l.created_at >= sample.created_at - 86400 * 30 && l.created_at <= sample.created_at,
    ],
    ['updated_at from', `filter[updated_at][from]=${data.referenceTime - 86400 * 10}`, (l) => l.updated_at >= data.referenceTime - 86400 * 10],
    [
      'closed_at to',
      `filter[closed_at][to]=${data.referenceTime - 86400 * 365}`,
      (l) => l.closed_at !== null && l.closed_at <= data.referenceTime - 86400 * 365,
    ],
    [
      'closest_task_at range',
      `filter[closest_task_at][from]=${data.referenceTime}&filter[closest_task_at][to]=${data.referenceTime + 86400 * 7}`,
      (l) => l.closest_task_at !== null && l.closest_task_at >= data.referenceTime && l.closest_task_at <= data.referenceTime + 86400 * 7,
    ],
    [
      'statuses (won)',
      `filter[statuses][0][pipeline_id]=${sample.pipeline_id}&filter[statuses][0][status_id]=${WON_STATUS_ID}`,
      (l) => l.pipeline_id === sample.pipeline_id && l.status_id === WON_STATUS_ID,
    ],
    [
      'statuses (open stage)',
      `filter[statuses][0][pipeline_id]=${sample.pipeline_id}&filter[statuses][0][status_id]=${data.pipelines.find((p) => p.id === sample.pipeline_id)!._embedded.statuses[1]!.id}`,
      (l) =>
        l.pipeline_id === sample.pipeline_id && l.status_id === data.pipelines.find((p) => p.id === sample.pipeline_id)!._embedded.statuses[1]!.id,
    ],
    [
      'combined (AND)',
      `filter[pipeline_id][]=${sample.pipeline_id}&filter[responsible_user_id][]=${sample.responsible_user_id}`,
      (l) => l.pipeline_id === sample.pipeline_id && l.responsible_user_id === sample.responsible_user_id,
    ],
  ];
  for (const [label, query, expected] of cases) {
    it(`filters by ${label}`, async () => {
      const leads = await all(query);
      const want = data.leads.filter(expected).map((l) => l.id);
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(total);
      expect(leads.map((l) => l.id)).toEqual(want);
    });
  }

  it('searches the name and custom field text with query, case-insensitively', async () => {
    const word = sample.name.split(' ')[0]!.toUpperCase();
    const byName = await all(`query=${encodeURIComponent(word)}`);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.map((l) => l.id)).toContain(sample.id);
    const code = data.leads
      .map((l) => data.leadCustomFields(l)?.find((f) => f.field_name === 'Project code')?.values?.[0]?.value)
      .find(Boolean) as string;
    const byField = await all(`query=${encodeURIComponent(code.toLowerCase())}`);
    expect(byField.length).toBeGreaterThan(0);
    for (const lead of byField) expect(JSON.stringify(lead).toLowerCase()).toContain(code.toLowerCase());
    expect((await get('/api/v4/leads?query=zzzz-nothing')).status).toBe(204);
  });

  it('query also finds a lead by its id and by the names, phones and e-mails of its contacts and company, as Kommo’s search does', async () => {
    const linked = data.leads.find((l) => l.contactIds.length > 0 && l.companyId !== null)!;
    const contact = data.contact(linked.contactIds[0]!)!;
    const company = data.company(linked.companyId!)!;
    const valueOf = (code: string) => String(contact.custom_fields_values?.find((f) => f.field_code === code)?.values?.[0]?.value ?? '');
    const phone = valueOf('PHONE');
    const email = valueOf('EMAIL');
    expect(phone && email, 'the demo contact has a phone and an e-mail').toBeTruthy();
    for (const needle of [contact.name!, phone, email.toUpperCase(), company.name!, String(linked.id)]) {
      const found = await all(`query=${encodeURIComponent(needle)}`);
      expect(
        found.map((l) => l.id),
        `query=${needle}`,
      ).toContain(linked.id);
    }
    // Every lead found by a contact's phone is linked to a contact or company with that phone.
    const byPhone = await all(`query=${encodeURIComponent(phone)}`);
    for (const lead of byPhone) {
      const demo = data.leads.find((l) => l.id === lead.id)!;
      const text = [
        ...demo.contactIds.map((id) => JSON.stringify(data.contact(id))),
        JSON.stringify(demo.companyId === null ? null : data.company(demo.companyId)),
        demo.searchText,
      ].join();
      expect(text.toLowerCase()).toContain(phone.toLowerCase());
    }
  });

  it('refuses more than one statuses pair (the seed limitation)', async () => {
    const answer = await get(
      `/api/v4/leads?filter[statuses][0][pipeline_id]=${sample.pipeline_id}&filter[statuses][0][status_id]=142&filter[statuses][1][pipeline_id]=${sample.pipeline_id}&filter[statuses][1][status_id]=143`,
    );
    expectValidation(answer, 'filter.statuses');
  });

  it('refuses malformed values and unknown parameters with validation-errors', async () => {
    expectValidation(await get('/api/v4/leads?filter[id][]=abc'), 'filter.id');
    expectValidation(await get('/api/v4/leads?filter[created_at][from]=yesterday'), 'filter.created_at.from');
    expectValidation(await get('/api/v4/leads?filter[price]=12.5'), 'filter.price');
    expectValidation(await get('/api/v4/leads?order[id]=up'), 'order.id');
    expectValidation(await get('/api/v4/leads?order[name]=asc'), 'order.name');
    expectValidation(await get('/api/v4/leads?with=everything'), 'with');
    expectValidation(await get('/api/v4/leads?foo=1'), 'foo');
    expectValidation(await get('/api/v4/leads?filter[statuses][0][pipeline_id]=1'), 'filter.statuses.0');
    expectValidation(await get('/api/v4/leads?filter[updated_at][from]=20&filter[updated_at][to]=10'), 'filter.updated_at');
  });

  // Its speed is the bench's to measure (the local-copy bench runs this 100,000-lead account), not a test's.
  it('starts with 100,000 leads and serves any page of them: deep pages, orders, filters, search, embedded parts', async () => {
    const big = createDemoAccount({ token: TOKEN, leads: 100_000, rateLimit: false });
    expect(big.data.leads).toHaveLength(100_000);
    const bigGet = createDemoTestClient(big.app, TOKEN);
    for (const path of [
      '/api/v4/leads?page=1999&limit=50',
      '/api/v4/leads?page=300&limit=250&order[updated_at]=desc',
      '/api/v4/leads?filter[price][from]=1000&filter[price][to]=2000&page=20',
      '/api/v4/leads?query=' + encodeURIComponent('são') + '&limit=250',
      '/api/v4/leads?filter[statuses][0][pipeline_id]=' +
        big.data.pipelines[0]!.id +
        '&filter[statuses][0][status_id]=143&page=50&with=contacts,loss_reason,catalog_elements',
    ]) {
      const answer = await bigGet(path);
      expect(answer.status, path).toBe(200);
      const leads = (answer.json as { _embedded: { leads: unknown[] } })._embedded.leads;
      expect(leads.length, path).toBeGreaterThan(0);
    }
  }, 60_000);
});
