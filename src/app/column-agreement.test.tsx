// @vitest-environment jsdom
// The file says what the table says. Over every lead of the real corpus (src/kommo/fixtures/real,
// see SOURCES.md) and a page of the demo account, and every column: the table cell's text (rendered
// by the table's own cell components), the CSV text and the XLSX cell agree, and a browser sort by
// the column orders the leads by what the cells show. The formats that may differ are named here:
// - thousand separators and the currency symbol (the table's), plain numbers in the files;
// - dates: the table's dd/mm/yyyy (en-GB) against the files' yyyy-mm-dd, the XLSX date type;
// - labor cost: the table's "2 hr, 05 min" against the files' 2:05 and the XLSX duration;
// - several values: the table separates them with ", ", the files with "; ";
// - drawing only (marked data-decoration): the stage's pipeline, "Deleted ·", "+2" other contacts.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { realBody as body } from '@/kommo/real-corpus.testing';
import { buildExportColumns, type ExportReference } from '@/features/export/lead-export-columns';
import { buildLeadColumns, type LeadColumnDef } from '@/features/leads-table/columns/leads-columns';
import { testColumnText, testTableContext, TestTableContext } from '@/features/leads-table/leads-table-context.testing';
import { sortLeads } from '@/features/leads-table/sorting/local-sort';
import { accountSchema, type Account } from '@/kommo/account-schema';
import { catalogElementSchema, catalogElementsPageSchema, catalogsPageSchema, type CatalogElement } from '@/kommo/catalog-schema';
import { companiesPageSchema, companySchema, contactSchema, contactsPageSchema } from '@/kommo/contact-schema';
import { customFieldDefinitionSchema, customFieldsPageSchema, type CustomFieldDefinition } from '@/kommo/custom-field-schema';
import { leadSchema, leadsPageSchema, type Lead } from '@/kommo/lead-schema';
import { pipelinesResponseSchema } from '@/kommo/pipeline-schema';
import { sourcesResponseSchema } from '@/kommo/source-schema';
import { tagsPageSchema } from '@/kommo/tag-schema';
import { usersPageSchema } from '@/kommo/user-schema';
import { fetchCatalogElementsByIds, fetchCompaniesByIds, fetchContactsByIds } from '@/lib/entities/entity-fetchers';
import { createKommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage } from '@/lib/leads/leads-fetchers';
import {
  fetchAccount,
  fetchCatalogs,
  fetchCustomFields,
  fetchLossReasons,
  fetchPipelines,
  fetchSources,
  fetchTags,
  fetchUsers,
} from '@/lib/reference-data/reference-fetchers';
import type { Transport } from '@/lib/api/transport';
import { catalogElementKey, NO_ENTITIES, type ColumnContext, type ColumnEntities } from '@/lib/leads-list/column-context';
import type { ColumnValue } from '@/lib/leads-list/column-value';
import { buildLeadReference, type LeadReference, type LeadReferenceInput } from '@/lib/reference-data/lead-reference';
import { createDemoAccount } from '@/server/demo/demo-account';

const LOCALE = 'en-GB';

type Scenario = { name: string; input: LeadReferenceInput; leads: Lead[]; entities: ColumnEntities };

// ---------------------------------------------------------------- the real corpus

/** A lead custom field the corpus's leads carry but its field lists lack, as the account would list it. */
function fieldsOfLeads(leads: readonly Lead[], known: readonly CustomFieldDefinition[]): CustomFieldDefinition[] {
  const out = new Map<number, CustomFieldDefinition>();
  for (const lead of leads)
    for (const v of lead.custom_fields_values)
      if (!known.some((f) => f.id === v.field_id) && !out.has(v.field_id))
        out.set(
          v.field_id,
          customFieldDefinitionSchema.parse({ id: v.field_id, name: v.field_name ?? `#${v.field_id}`, type: v.field_type ?? 'text' }),
        );
  return [...out.values()];
}

function corpusLeads(): Lead[] {
  const pages = ['amocrm-docs-leads-list.json', 'kommo-docs-leads-list.json', 'real-account-leads-page.json'].flatMap(
    (file) => leadsPageSchema.parse(body(file))._embedded.leads,
  );
  const single = ['amocrm-docs-lead-detail.json', 'kommo-docs-lead-detail.json', 'activepieces-kommo-lead.json'].map((file) =>
    leadSchema.parse(body(file)),
  );
  return [...pages, ...single];
}

function corpusScenario(zone?: string): Scenario {
  const account = accountSchema.parse(body('amocrm-docs-account.json'));
  const users = usersPageSchema.parse(body('amocrm-docs-users-with-role-group.json'))._embedded.users;
  const leads = corpusLeads();
  const known = [
    ...customFieldsPageSchema.parse(body('amocrm-docs-custom-fields.json'))._embedded.custom_fields,
    ...customFieldsPageSchema.parse(body('amocrm-docs-catalog-custom-fields-patch.json'))._embedded.custom_fields,
  ];
  const elements: CatalogElement[] = [
    ...catalogElementsPageSchema.parse(body('amocrm-docs-catalog-elements.json'))._embedded.elements,
    catalogElementSchema.parse(body('amocrm-docs-catalog-element-detail.json')),
  ];
  return {
    name: `the real corpus${zone ? ` in ${zone}` : ''}`,
    input: {
      account: zone ? { ...account, datetime_settings: { ...account.datetime_settings, timezone: zone } } : account,
      pipelines: pipelinesResponseSchema.parse(body('amocrm-docs-pipelines.json'))._embedded.pipelines,
      users,
      groups: users.flatMap((u) => u._embedded?.groups ?? []),
      customFields: [...known, ...fieldsOfLeads(leads, known)],
      lossReasons: [],
      tags: tagsPageSchema.parse(body('amocrm-docs-tags.json'))._embedded.tags,
      catalogs: catalogsPageSchema.parse(body('amocrm-docs-catalogs.json'))._embedded.catalogs,
      sources: sourcesResponseSchema.parse(body('amocrm-docs-sources.json'))._embedded.sources,
    },
    leads,
    entities: {
      contacts: new Map(
        [
          ...contactsPageSchema.parse(body('amocrm-docs-contacts-list.json'))._embedded.contacts,
          contactSchema.parse(body('amocrm-docs-contact-detail.json')),
        ].map((c) => [c.id, c]),
      ),
      companies: new Map(
        [
          ...companiesPageSchema.parse(body('amocrm-docs-companies-list.json'))._embedded.companies,
          companySchema.parse(body('amocrm-docs-company-detail.json')),
        ].map((c) => [c.id, c]),
      ),
      catalogElements: new Map(elements.map((e) => [catalogElementKey(e.catalog_id, e.id), e])),
    },
  };
}

// ---------------------------------------------------------------- the demo account, in process

const TOKEN = 'agreement-token';

async function demoScenario(): Promise<Scenario> {
  const { app } = createDemoAccount({ token: TOKEN, leads: 400, seed: 7 });
  const transport: Transport = {
    kind: 'proxy',
    async get({ path, query }) {
      const res = await app.request(`${path}${query ? `?${query}` : ''}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'retry-after']) {
        const value = res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return { status: res.status, headers, body: await res.text() };
    },
  };
  const client = createKommoClient(transport);
  const signal = new AbortController().signal;
  const [account, pipelines, users, customFields, lossReasons, tags, catalogs, sources, page] = await Promise.all([
    fetchAccount(client, signal),
    fetchPipelines(client, signal),
    fetchUsers(client, signal),
    fetchCustomFields(client, signal),
    fetchLossReasons(client, signal),
    fetchTags(client, signal),
    fetchCatalogs(client, signal),
    fetchSources(client, signal),
    fetchLeadsPage(
      client,
      { limit: 150, with: ['contacts', 'loss_reason', 'catalog_elements', 'source_id', 'source', 'is_price_modified_by_robot'] },
      signal,
    ),
  ]);
  const leads = page.leads;
  const byCatalog = new Map<number, number[]>();
  for (const l of leads)
    for (const e of l._embedded.catalog_elements ?? [])
      if (e.catalog_id !== null) byCatalog.set(e.catalog_id, [...(byCatalog.get(e.catalog_id) ?? []), e.id]);
  const [contacts, companies, elements] = await Promise.all([
    fetchContactsByIds(client, [...new Set(leads.flatMap((l) => (l._embedded.contacts ?? []).map((c) => c.id)))], signal),
    fetchCompaniesByIds(client, [...new Set(leads.flatMap((l) => l._embedded.companies.map((c) => c.id)))], signal),
    Promise.all([...byCatalog].map(([catalogId, ids]) => fetchCatalogElementsByIds(client, catalogId, [...new Set(ids)], signal))).then((all) =>
      all.flat(),
    ),
  ]);
  return {
    name: 'a page of the demo account',
    input: { account, pipelines, users: users.users, groups: users.groups, customFields, lossReasons, tags, catalogs, sources },
    leads,
    entities: {
      contacts: new Map(contacts.map((c) => [c.id, c])),
      companies: new Map(companies.map((c) => [c.id, c])),
      catalogElements: new Map(elements.map((e) => [catalogElementKey(e.catalog_id, e.id), e])),
    },
  };
}

// ---------------------------------------------------------------- reading the three outputs

function exportReference(s: Scenario, reference: LeadReference): ExportReference {
  return {
    timeZone: reference.timeZone,
    pipelines: s.input.pipelines,
    users: s.input.users,
    groups: [...(s.input.groups ?? []), ...s.input.account.users_groups],
    lossReasons: s.input.lossReasons ?? [],
    customFields: s.input.customFields ?? [],
    catalogs: s.input.catalogs ?? [],
    sources: s.input.sources ?? [],
    contacts: s.entities.contacts,
    companies: s.entities.companies,
    catalogElements: s.entities.catalogElements,
  };
}

/** Every table cell of a lead as the user reads it: rendered by the table's components, drawing-only parts left out. */
function renderedRow(lead: Lead, columns: readonly LeadColumnDef[], reference: LeadReference, entities: ColumnEntities): Map<string, string> {
  const context = testTableContext(reference, { locale: LOCALE, entities });
  const cells = columns.map((c) => {
    const render = c.cell as (ctx: { row: { original: Lead } }) => React.ReactNode;
    return (
      <div key={String(c.id)} data-column={String(c.id)}>
        {render({ row: { original: lead } })}
      </div>
    );
  });
  const host = document.createElement('div');
  host.innerHTML = renderToStaticMarkup(<TestTableContext value={context}>{cells}</TestTableContext>);
  for (const decoration of host.querySelectorAll('[data-decoration]')) decoration.remove();
  return new Map([...host.querySelectorAll<HTMLElement>('[data-column]')].map((el) => [el.dataset.column ?? '', el.textContent ?? '']));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: string | number) => String(n).padStart(2, '0');

/** en-GB table dates as the files' yyyy-mm-dd[ hh:mm]. */
function isoOfTableDate(text: string): string {
  const numeric = /^(\d{2})\/(\d{2})\/(\d{4})(?:, (\d{2}):(\d{2}))?$/.exec(text);
  if (numeric) return `${numeric[3]}-${numeric[2]}-${numeric[1]}${numeric[4] ? ` ${numeric[4]}:${numeric[5]}` : ''}`;
  const long = /^(\d{1,2}) (\w+) (\d{4})$/.exec(text);
  if (long) return `${long[3]}-${pad(MONTHS.indexOf(long[2] ?? '') + 1)}-${pad(long[1] ?? '')}`;
  return `unreadable table date: ${text}`;
}

/** en-GB "2 hr, 05 min" / "45 min" as h:mm. */
function hoursMinutesOfTable(text: string): string {
  const numbers = [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
  const [hours, minutes] = /hr/.test(text) ? [numbers[0] ?? 0, numbers[1] ?? 0] : [0, numbers[0] ?? 0];
  return `${hours}:${pad(minutes)}`;
}

const plainNumber = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

type Cell = string | number | boolean | Date | null | undefined;

/** One value's three readings agree, formats apart (see the header). */
function expectAgreement(value: ColumnValue, table: string, csv: Cell, xlsx: Cell, where: string): void {
  switch (value.kind) {
    case 'empty':
      expect([table, csv, xlsx ?? null], where).toEqual(['', '', null]);
      return;
    case 'pending':
      throw new Error(`${where}: a name still pending with every entity fetched`);
    case 'text':
      expect(String(csv), where).toBe(table);
      expect(xlsx, where).toBe(table);
      return;
    case 'id':
      expect([String(csv), String(xlsx)], where).toEqual([table, table]);
      return;
    case 'number':
    case 'money':
      expect(typeof csv, where).toBe('number');
      expect([csv, xlsx], where).toEqual([plainNumber(table), plainNumber(table)]);
      return;
    case 'instant':
    case 'day': {
      const iso = isoOfTableDate(table);
      expect(csv, where).toBe(iso);
      expect(xlsx, where).toBeInstanceOf(Date);
      expect((xlsx as Date).toISOString().slice(0, iso.length).replace('T', ' '), where).toBe(iso);
      return;
    }
    case 'duration': {
      const hm = hoursMinutesOfTable(table);
      expect(csv, where).toBe(hm);
      const minutes = Math.round((xlsx as number) * 1440);
      expect(`${Math.floor(minutes / 60)}:${pad(minutes % 60)}`, where).toBe(hm);
      return;
    }
    case 'list': {
      const tableItems = table.split(', ');
      const fileItems = String(csv).split('; ');
      expect(fileItems.length, `${where}: ${table} | ${String(csv)}`).toBe(tableItems.length);
      expect(xlsx, where).toBe(csv);
      value.items.forEach((item, i) => {
        const fileItem = fileItems[i] ?? '';
        const kind = item.kind;
        const typed =
          kind === 'instant' || kind === 'day'
            ? new Date(`${fileItem.replace(' ', 'T')}Z`)
            : kind === 'number' || kind === 'money' || kind === 'id'
              ? Number(fileItem)
              : fileItem;
        const csvItem = kind === 'number' || kind === 'money' || kind === 'id' ? Number(fileItem) : fileItem;
        expectAgreement(item, tableItems[i] ?? '', csvItem, typed, `${where}[${i}]`);
      });
      return;
    }
  }
}

/** A lead's cell as the browser sort compares it, read back from the table's text; null for an empty cell. */
function shownKey(value: ColumnValue, table: string): string | number | null {
  switch (value.kind) {
    case 'empty':
    case 'pending':
      return null;
    case 'number':
    case 'money':
      return plainNumber(table);
    case 'instant':
    case 'day':
      return isoOfTableDate(table);
    case 'duration': {
      const [h, m] = hoursMinutesOfTable(table).split(':').map(Number);
      return (h ?? 0) * 60 + (m ?? 0);
    }
    case 'list':
      return value.items.every((i) => i.kind === 'text') ? table : shownKey(value.items[0] as ColumnValue, table.split(', ')[0] ?? '');
    default:
      return table;
  }
}

// ---------------------------------------------------------------- the properties

let all: Promise<Scenario[]> | null = null;
function scenarios(): Promise<Scenario[]> {
  // Moscow (the docs account's zone) and Los Angeles: a calendar day read in UTC is a day early west of it.
  // The demo's own zone, and Tokyo: midnight there is the day before in UTC, so a day printed in the wrong zone shows.
  all ??= demoScenario().then((demo) => [
    corpusScenario(),
    corpusScenario('America/Los_Angeles'),
    demo,
    {
      ...demo,
      name: `${demo.name} in Asia/Tokyo`,
      input: { ...demo.input, account: { ...demo.input.account, datetime_settings: { timezone: 'Asia/Tokyo' } } },
    },
  ]);
  return all;
}

// Each test renders every row of four scenarios: 26 s at load 15, past Vitest's 20 s (a hang guard, not a budget).
describe('the file says what the table says', { timeout: 90_000 }, () => {
  it('CSV text and XLSX cell equal the table cell for every column and every lead of the corpus and the demo', async () => {
    for (const s of await scenarios()) {
      const reference = buildLeadReference(s.input);
      const tableColumns = buildLeadColumns(reference.customFields, testColumnText).filter((c) => c.meta?.definition);
      const files = buildExportColumns(
        tableColumns.map((c) => String(c.id)),
        exportReference(s, reference),
        testColumnText,
      );
      // Every table column is in the file (the stage's pipeline joins it when hidden).
      expect(
        tableColumns.map((c) => String(c.id)).filter((id) => !files.some((f) => f.id === id)),
        s.name,
      ).toEqual([]);
      const ctx: ColumnContext = { ref: reference, entities: s.entities, text: testColumnText };
      let compared = 0;
      for (const lead of s.leads) {
        const row = renderedRow(lead, tableColumns, reference, s.entities);
        for (const column of tableColumns) {
          const definition = column.meta?.definition;
          const file = files.find((f) => f.id === column.id);
          if (!definition || !file) continue;
          const where = `${s.name}: lead ${lead.id}, ${String(column.id)}`;
          expectAgreement(definition.value(lead, ctx), row.get(String(column.id)) ?? '', file.value(lead), file.typed?.(lead), where);
          compared += 1;
        }
      }
      expect(compared, s.name).toBeGreaterThan(s.leads.length * 20);
    }
  });

  it('a browser sort by any column orders the leads by what its cells show, empty cells last', async () => {
    for (const s of await scenarios()) {
      const reference = buildLeadReference(s.input);
      const tableColumns = buildLeadColumns(reference.customFields, testColumnText).filter((c) => c.meta?.definition);
      // The sort reads no page entities, as in the table; the columns that would need them do not sort.
      const sortCtx: ColumnContext = { ref: reference, entities: NO_ENTITIES, text: testColumnText };
      const unsortable = tableColumns.filter((c) => c.meta?.definition?.sort === false).map((c) => String(c.id));
      expect(
        unsortable.filter((id) => !id.startsWith('cf_')),
        s.name,
      ).toEqual(['main_contact', 'company', 'products']);
      const collator = new Intl.Collator(LOCALE, { numeric: true, sensitivity: 'base' });
      const rows = new Map(s.leads.map((lead) => [lead.id, renderedRow(lead, tableColumns, reference, s.entities)]));
      for (const column of tableColumns) {
        const definition = column.meta?.definition;
        if (!definition || definition.sort === false) continue;
        for (const direction of ['asc', 'desc'] as const) {
          const sorted = sortLeads(s.leads, { column: definition.id, direction }, definition, sortCtx, LOCALE);
          const keys = sorted.map((lead) => {
            const value = definition.value(lead, sortCtx);
            // The stage column orders by the pipeline's own order of stages, as Kommo shows them; the
            // attention column by how urgent the reason is (lead-attention.ts), worst last in asc.
            if ((column.id === 'stage' || column.id === 'attention') && value.kind === 'text') return value.rank ?? null;
            return shownKey(value, rows.get(lead.id)?.get(definition.id) ?? '');
          });
          const firstEmpty = keys.indexOf(null);
          if (firstEmpty >= 0)
            expect(
              keys.slice(firstEmpty).every((k) => k === null),
              `${s.name} ${column.id}: empty cells last`,
            ).toBe(true);
          const filled = firstEmpty >= 0 ? keys.slice(0, firstEmpty) : keys;
          for (let i = 1; i < filled.length; i++) {
            const a = filled[i - 1] as string | number;
            const b = filled[i] as string | number;
            const diff = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
            expect(direction === 'asc' ? diff <= 0 : diff >= 0, `${s.name} ${column.id} ${direction}: ${String(a)} then ${String(b)}`).toBe(true);
          }
        }
      }
    }
  });
});

// ---------------------------------------------------------------- the six readings of issue 25

/** The table cell's text and the CSV and XLSX cells of one column for one lead. */
function readings(lead: Lead, columnId: string, input: LeadReferenceInput, entities: ColumnEntities = NO_ENTITIES) {
  const reference = buildLeadReference(input);
  const s: Scenario = { name: 'one lead', input, leads: [lead], entities };
  const columns = buildLeadColumns(reference.customFields, testColumnText).filter((c) => c.id === columnId);
  const table = renderedRow(lead, columns, reference, entities).get(columnId);
  const [file] = buildExportColumns([columnId], exportReference(s, reference), testColumnText);
  return { table, csv: file?.value(lead), xlsx: file?.typed?.(lead) };
}

const docsAccount = (): Account => accountSchema.parse(body('amocrm-docs-account.json'));
const docsInput = (overrides: Partial<LeadReferenceInput> = {}): LeadReferenceInput => ({
  account: docsAccount(),
  pipelines: [],
  users: usersPageSchema.parse(body('amocrm-docs-users-with-role-group.json'))._embedded.users,
  ...overrides,
});

describe("issue 25's readings, on the bodies that show them", () => {
  it('created_by 0 (Kommo\'s "Get lead by ID" example) is the robot, in the table and the files (was "—" and "#0")', () => {
    const lead = leadSchema.parse(body('kommo-docs-lead-detail.json'));
    expect(lead.created_by).toBe(0);
    expect(readings(lead, 'created_by', docsInput())).toEqual({ table: 'Robot', csv: 'Robot', xlsx: 'Robot' });
  });

  it("the source is the lead's own _embedded.source name (amocrm-api-php LeadModel), also where /sources does not list it (was its id in the files)", () => {
    const lead = leadSchema.parse({ id: 1, updated_at: 1, source_id: 7001, _embedded: { source: { id: 7001, name: 'Website form' } } });
    const sources = sourcesResponseSchema.parse(body('amocrm-docs-sources.json'))._embedded.sources;
    expect(sources.some((src) => src.id === 7001)).toBe(false);
    expect(readings(lead, 'source', docsInput({ sources }))).toEqual({ table: 'Website form', csv: 'Website form', xlsx: 'Website form' });
  });

  it('a date-only value "2020-05-08" is that day west of UTC too, in the XLSX cell as well (was a day early there)', () => {
    const field = customFieldDefinitionSchema.parse({ id: 9, name: 'Signed', type: 'date' });
    const lead = leadSchema.parse({
      id: 1,
      updated_at: 1,
      custom_fields_values: [{ field_id: 9, field_type: 'date', values: [{ value: '2020-05-08' }] }],
    });
    const account = { ...docsAccount(), datetime_settings: { timezone: 'America/Los_Angeles' } };
    const r = readings(lead, 'cf_9', docsInput({ account, customFields: [field] }));
    expect([r.table, r.csv, (r.xlsx as Date).toISOString().slice(0, 10)]).toEqual(['08/05/2020', '2020-05-08', '2020-05-08']);
  });

  it("a product's price is the field its link's metadata.price_id names (amocrm-api-php CatalogElementModel), not the PRICE-coded one", () => {
    const [element] = catalogElementsPageSchema.parse(body('amocrm-docs-catalog-elements.json'))._embedded.elements;
    if (!element) throw new Error('the docs list an element');
    const priced = catalogElementSchema.parse({
      ...element,
      catalog_id: 4521,
      custom_fields_values: [...element.custom_fields_values, { field_id: 555, field_code: null, field_type: 'price', values: [{ value: '9.5' }] }],
    });
    const lead = leadSchema.parse({
      id: 1,
      updated_at: 1,
      _embedded: { catalog_elements: [{ id: priced.id, metadata: { quantity: 2, catalog_id: 4521, price_id: 555 } }] },
    });
    const entities = { ...NO_ENTITIES, catalogElements: new Map([[catalogElementKey(4521, priced.id), priced]]) };
    const text = `${priced.name} × 2 @ 9.5`;
    expect(readings(lead, 'products', docsInput(), entities)).toEqual({ table: text, csv: text, xlsx: text });
  });

  it('group 0 is the main group where an older /account does not list it (the real account page: every lead in group 0; was "0" and "#0")', () => {
    const [lead] = leadsPageSchema.parse(body('real-account-leads-page.json'))._embedded.leads;
    if (!lead) throw new Error('the page has leads');
    expect(lead.group_id).toBe(0);
    const account = { ...docsAccount(), users_groups: [] };
    expect(readings(lead, 'group', docsInput({ account, users: [] }))).toEqual({ table: 'Main group', csv: 'Main group', xlsx: 'Main group' });
    // Where /account names it, its name.
    expect(readings(lead, 'group', docsInput({ users: [] })).table).toBe('Отдел продаж');
  });

  it("options under a category field's nested (the docs' PATCH body) and options keyed by id keep their labels (were their ids)", () => {
    const category = customFieldsPageSchema
      .parse(body('amocrm-docs-catalog-custom-fields-patch.json'))
      ._embedded.custom_fields.find((f) => f.type === 'category');
    if (!category) throw new Error('the PATCH body has a category field');
    const keyed = customFieldDefinitionSchema.parse({
      id: 77,
      name: 'Colour',
      type: 'select',
      enums: { '1': { value: 'Red', sort: 1 }, '2': 'Blue' },
    });
    const lead = leadSchema.parse({
      id: 1,
      updated_at: 1,
      custom_fields_values: [
        { field_id: category.id, field_type: 'category', values: [{ enum_id: 215 }] },
        { field_id: 77, field_type: 'select', values: [{ enum_id: 2 }] },
      ],
    });
    const input = docsInput({ customFields: [category, keyed] });
    expect(readings(lead, `cf_${category.id}`, input)).toEqual({
      table: 'новая подкатегория 1',
      csv: 'новая подкатегория 1',
      xlsx: 'новая подкатегория 1',
    });
    expect(readings(lead, 'cf_77', input)).toEqual({ table: 'Blue', csv: 'Blue', xlsx: 'Blue' });
  });
});
