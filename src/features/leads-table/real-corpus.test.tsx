// @vitest-environment jsdom
// The contract corpus (src/kommo/fixtures/real, see SOURCES.md): real Kommo/amoCRM bodies this project
// did not write, fed through the fetchers, schemas, reference lookups and cell renderers the app runs,
// asserting the text a user sees.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { REAL_CORPUS_DIR as DIR, realBody as body } from '@/kommo/real-corpus.testing';
import { entityName } from '@/kommo/custom-field-value-data';
import { valueToSeconds } from '@/lib/time/kommo-dates';
import { accountSchema } from '@/kommo/account-schema';
import { catalogElementSchema, catalogElementsPageSchema, catalogsPageSchema } from '@/kommo/catalog-schema';
import { companiesPageSchema, companySchema, contactSchema, contactsPageSchema } from '@/kommo/contact-schema';
import { customFieldDefinitionSchema, customFieldsPageSchema } from '@/kommo/custom-field-schema';
import { leadSchema, leadsPageSchema, type Lead } from '@/kommo/lead-schema';
import { pipelinesResponseSchema, statusSchema } from '@/kommo/pipeline-schema';
import { sourcesResponseSchema } from '@/kommo/source-schema';
import { tagsPageSchema } from '@/kommo/tag-schema';
import { userSchema, usersPageSchema } from '@/kommo/user-schema';
import { stageMovesPageSchema } from '@/kommo/lead-status-events';
import { createFakeClock, createFakeTransport, jsonResponse, noContent, type FakeHandler } from '@/lib/api/fake-transport.testing';
import { createKommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage } from '@/lib/leads/leads-fetchers';
import { fetchAccount, fetchPipelines, fetchSources, fetchTags, fetchUsers } from '@/lib/reference-data/reference-fetchers';
import { readPageDirectory } from '@/lib/bridge/kommo-page-directory';
import { CustomFieldValue } from './cells/custom-field-value';
import { formatDate, formatDateTime, formatMoney } from '@/lib/leads-list/lead-formatters';
import { buildLeadReference, findStage } from '@/lib/reference-data/lead-reference';
import { catalogElementKey, NO_ENTITIES, type ColumnEntities } from '@/lib/leads-list/column-context';
import { testTableContext, TestTableContext } from './leads-table-context.testing';

/** A client whose upstream answers each path with a corpus body. */
function clientServing(bodies: Record<string, string>) {
  const handler: FakeHandler = (req) => {
    const file = bodies[req.path];
    // Real list endpoints end with 204 past the last page.
    if (!file || new URLSearchParams(req.query).get('page') === '2') return noContent;
    return jsonResponse(200, body(file));
  };
  const clock = createFakeClock();
  return createKommoClient(createFakeTransport(handler), { random: () => 0, sleep: clock.sleep, now: clock.now });
}
const signal = () => new AbortController().signal;

const UTC_REFERENCE = buildLeadReference({
  account: accountSchema.parse({ id: 1, name: 'A', subdomain: 'a', datetime_settings: { timezone: 'UTC' } }),
  pipelines: [],
  users: [],
});

/** The table's context around a cell: a UTC account, English, and the entities given. */
function inTable(entities: ColumnEntities = NO_ENTITIES) {
  return ({ children }: { children: ReactNode }) => (
    <TestTableContext value={testTableContext(UTC_REFERENCE, { entities })}>{children}</TestTableContext>
  );
}

/** Every body of the corpus and the schema the app reads it with. */
const SCHEMA_OF: Record<string, { safeParse: (v: unknown) => { success: boolean } }> = {
  'amocrm-docs-account.json': accountSchema,
  'kommo-docs-events-lead-status-changed.json': stageMovesPageSchema,
  'amocrm-docs-leads-list.json': leadsPageSchema,
  'amocrm-docs-lead-detail.json': leadSchema,
  'amocrm-docs-users-with-role-group.json': usersPageSchema,
  'amocrm-docs-user-detail.json': userSchema,
  'amocrm-docs-pipelines.json': pipelinesResponseSchema,
  'amocrm-docs-pipeline-statuses.json': {
    safeParse: (v) => ({ success: (v as { _embedded: { statuses: unknown[] } })._embedded.statuses.every((s) => statusSchema.safeParse(s).success) }),
  },
  'amocrm-docs-contacts-list.json': contactsPageSchema,
  'amocrm-docs-contact-detail.json': contactSchema,
  'amocrm-docs-companies-list.json': companiesPageSchema,
  'amocrm-docs-company-detail.json': companySchema,
  'amocrm-docs-catalogs.json': catalogsPageSchema,
  'amocrm-docs-catalog-elements.json': catalogElementsPageSchema,
  'amocrm-docs-catalog-element-detail.json': catalogElementSchema,
  'amocrm-docs-custom-fields.json': customFieldsPageSchema,
  'amocrm-docs-custom-field-detail.json': customFieldDefinitionSchema,
  'amocrm-docs-catalog-custom-fields-patch.json': customFieldsPageSchema,
  'amocrm-docs-tags.json': tagsPageSchema,
  'amocrm-docs-sources.json': sourcesResponseSchema,
  'kommo-docs-leads-list.json': leadsPageSchema,
  'kommo-docs-lead-detail.json': leadSchema,
  'activepieces-kommo-lead.json': leadSchema,
  'real-account-leads-page.json': leadsPageSchema,
  // Not an API body: the Kommo page's constants, read by the bridge's page directory.
  'kommo-page-constants.json': {
    safeParse: (v) => {
      const directory = readPageDirectory(v);
      return { success: directory !== null && directory.users.length > 0 && directory.rights !== null };
    },
  },
};

describe('the real-response corpus', () => {
  it('holds at least 20 bodies, each named in SOURCES.md and read by its schema', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    const sources = readFileSync(join(DIR, 'SOURCES.md'), 'utf8');
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.sort()).toEqual(Object.keys(SCHEMA_OF).sort());
    for (const file of files) {
      expect(sources, file).toContain(`\`${file}\``);
      expect(SCHEMA_OF[file]?.safeParse(body(file)).success, file).toBe(true);
    }
  });

  it('shows dates in the account timezone from _embedded.datetime_settings, and the main group by name', async () => {
    const client = clientServing({
      '/api/v4/account': 'amocrm-docs-account.json',
      '/api/v4/users': 'amocrm-docs-users-with-role-group.json',
      '/api/v4/leads/pipelines': 'amocrm-docs-pipelines.json',
      '/api/v4/leads': 'amocrm-docs-leads-list.json',
    });
    const [account, users, pipelines] = await Promise.all([
      fetchAccount(client, signal()),
      fetchUsers(client, signal()),
      fetchPipelines(client, signal()),
    ]);
    const reference = buildLeadReference({ account, pipelines, users: users.users, groups: users.groups, customFields: [] });
    expect(reference.timeZone).toBe('Europe/Moscow');
    // The docs' /account has no currency: money is a plain number, not dollars.
    expect(formatMoney(46333, reference.currency, 'en-US')).toBe('46,333');
    // Group 0 is the account's main group, named only by /account's users_groups.
    expect(reference.groups.get(0)?.name).toBe('Отдел продаж');
    // A user's own group, from with=group under the user.
    expect(reference.groups.get(267688)?.name).toBe('Менеджеры');
    const page = await fetchLeadsPage(client, {}, signal());
    const lead = page.leads[0] as Lead;
    // closed_at 1483005931 is 2016-12-29 10:05:31 UTC, 13:05 in Moscow.
    expect(formatDateTime(lead.closed_at, reference.timeZone, 'en-GB')).toBe('29/12/2016, 13:05');
    // The stage pair (1300, 142) is not in the docs' pipelines (3177727): shown by id, not guessed.
    expect(findStage(reference, lead.pipeline_id, lead.status_id)).toBeNull();
  });

  it('reads tag colours without # as CSS colours', async () => {
    const tags = await fetchTags(clientServing({ '/api/v4/leads/tags': 'amocrm-docs-tags.json' }), signal());
    expect(tags.map((tag) => [tag.name, tag.color])).toEqual([
      ['Заявка с сайта', '#ebebeb'],
      ['Техническая поддержка', null],
    ]);
  });

  it('reads a lead with its loss reason, products and links as the docs show them', () => {
    const lead = leadSchema.parse(body('amocrm-docs-lead-detail.json'));
    expect(lead._embedded.loss_reason?.[0]?.name).toBe('Пропала потребность');
    expect(lead._embedded.catalog_elements).toEqual([{ id: 525439, quantity: 1, catalog_id: 4521, price_id: null }]);
    expect(lead._embedded.contacts).toEqual([expect.objectContaining({ id: 10971465, is_main: true })]);
    expect(lead.unreadable).toBe(0);
  });

  it('names contacts whose first and last names are empty, and companies', () => {
    const contacts = contactsPageSchema.parse(body('amocrm-docs-contacts-list.json'))._embedded.contacts;
    expect(contacts.map(entityName)).toEqual(['1', 'dsgdsg']);
    const companies = companiesPageSchema.parse(body('amocrm-docs-companies-list.json'))._embedded.companies;
    expect(companies.map(entityName)).toEqual(['Компания Васи', 'Example']);
  });

  it('reads catalog elements with is_deleted null and their price field', () => {
    const [element] = catalogElementsPageSchema.parse(body('amocrm-docs-catalog-elements.json'))._embedded.elements;
    expect(element?.name).toBe('Элемент');
    expect(element?.custom_fields_values.find((f) => f.field_code === 'PRICE')?.values[0]?.value).toBe('12');
  });

  it('shows Kommo custom field values by type, and a real account page with prices', async () => {
    const kommo = leadsPageSchema.parse(body('kommo-docs-leads-list.json'))._embedded.leads[0] as Lead;
    const select = kommo.custom_fields_values[0];
    if (!select) throw new Error('the Kommo example has a select value');
    render(<CustomFieldValue value={select} />, { wrapper: inTable() });
    expect(screen.getByText('Diagnostic')).toBeTruthy();
    const detail = leadSchema.parse(body('kommo-docs-lead-detail.json'));
    const checkbox = detail.custom_fields_values[0];
    if (!checkbox) throw new Error('the Kommo example has a checkbox value');
    render(<CustomFieldValue value={checkbox} />, { wrapper: inTable() });
    expect(screen.getByText('Yes')).toBeTruthy();
    const real = leadsPageSchema.parse(body('real-account-leads-page.json'))._embedded.leads;
    expect(real).toHaveLength(7);
    expect(real.map((l) => formatMoney(l.price, 'RUB', 'ru-RU'))[2]).toBe(formatMoney(2_000_000, 'RUB', 'ru-RU'));
    expect(real.every((l) => l.group_id === 0 && l.unreadable === 0)).toBe(true);
  });

  it('sources are optional: the docs list names them, a 204 leaves ids', async () => {
    const sources = await fetchSources(clientServing({ '/api/v4/sources': 'amocrm-docs-sources.json' }), signal());
    expect(sources.map((s) => s.id)).toEqual([9619, expect.any(Number)]);
    expect(await fetchSources(clientServing({}), signal())).toEqual([]);
  });
});

describe('shapes no public body shows, read as the official PHP SDK reads them', () => {
  it('shows a chained_list value {catalog_id, catalog_element_id} by the element name', async () => {
    const lead = leadSchema.parse({
      id: 1,
      updated_at: 1,
      custom_fields_values: [
        { field_id: 9, field_name: 'Chain', field_type: 'chained_list', values: [{ catalog_id: 4589, catalog_element_id: 525439 }] },
      ],
    });
    const value = lead.custom_fields_values[0];
    if (!value) throw new Error('the lead has a chained_list value');
    expect(lead.unreadable).toBe(0);
    // The table fetches the elements chained-list values name with the page's catalog elements.
    const elements = catalogElementsPageSchema.parse(body('amocrm-docs-catalog-elements.json'))._embedded.elements;
    const entities = { ...NO_ENTITIES, catalogElements: new Map(elements.map((e) => [catalogElementKey(4589, e.id), e])) };
    render(<CustomFieldValue value={value} />, { wrapper: inTable(entities) });
    expect(await screen.findByText('Элемент')).toBeTruthy();
  });

  it('prefers price_with_minor_units (the price with cents) and reads zero sentinels as none', () => {
    const lead = leadSchema.parse({ id: 1, updated_at: 1, price: 1500, price_with_minor_units: 1500.5, loss_reason_id: 0, closed_at: 0 });
    expect(formatMoney(lead.price, 'USD', 'en-US')).toBe('$1,500.50');
    expect(lead.loss_reason_id).toBeNull();
    expect(lead.closed_at).toBeNull();
  });

  it('reads a date-only string as that calendar day in the account timezone', () => {
    for (const zone of ['America/Sao_Paulo', 'America/Los_Angeles', 'Europe/Moscow', 'Pacific/Kiritimati']) {
      expect(formatDate(valueToSeconds('2020-05-08', zone), zone, 'en-US'), zone).toBe('05/08/2020');
    }
  });
});
