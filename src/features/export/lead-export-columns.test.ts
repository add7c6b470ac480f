import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogElementSchema } from '@/kommo/catalog-schema';
import { contactSchema } from '@/kommo/contact-schema';
import { customFieldDefinitionSchema } from '@/kommo/custom-field-schema';
import { leadSchema, type Lead, type LeadWire } from '@/kommo/lead-schema';
import { pipelineSchema } from '@/kommo/pipeline-schema';
import { buildExportColumns, referencedEntityIds, type ExportReference } from './lead-export-columns';
import { catalogElementKey } from '@/lib/leads-list/column-context';
import { formatMessage } from '@/lib/i18n/define-messages';
import { leadColumnMessages, type LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import { LEAD_COLUMN_IDS, LEAD_COLUMNS } from '@/lib/leads-list/lead-column-registry';
import { leadsToCsv, SEMICOLON_DIALECT } from './leads-to-csv';

/** Headers as `H:<catalogue key>`, every other word in English. */
const labels: LeadColumnTexts = (key, values) => (key.startsWith('col') ? `H:${key}` : formatMessage(leadColumnMessages.en[key], values, 'en'));
const headerKey = (id: string) => {
  const header = LEAD_COLUMNS.find((c) => c.id === id)?.header;
  return header && 'key' in header ? `H:${header.key}` : id;
};

const ref: ExportReference = {
  timeZone: 'America/Sao_Paulo',
  pipelines: [
    pipelineSchema.parse({
      id: 10,
      name: 'Sales',
      sort: 1,
      is_main: true,
      _embedded: { statuses: [{ id: 142, name: 'Won', sort: 1, color: '#0f0', type: 0, pipeline_id: 10 }] },
    }),
  ],
  users: [
    { id: 1, name: 'Ana', rights: { is_active: true } },
    { id: 2, name: 'Bo', rights: { is_active: false } },
  ],
  groups: [{ id: 5, name: 'North' }],
  lossReasons: [{ id: 9, name: 'Price' }],
  customFields: [
    customFieldDefinitionSchema.parse({ id: 100, name: 'Budget', type: 'numeric' }),
    customFieldDefinitionSchema.parse({
      id: 101,
      name: 'Colour',
      type: 'multiselect',
      enums: [
        { id: 1, value: 'Red' },
        { id: 2, value: 'Blue' },
      ],
    }),
    customFieldDefinitionSchema.parse({ id: 102, name: 'Signed', type: 'date' }),
    customFieldDefinitionSchema.parse({ id: 103, name: 'Agreed', type: 'checkbox' }),
  ],
  catalogs: [{ id: 70, name: 'Products', type: 'products' }],
  sources: [],
  contacts: new Map([
    [
      300,
      contactSchema.parse({
        id: 300,
        name: 'Zoë, "Z" Müller',
        custom_fields_values: [
          { field_id: 1, field_code: 'PHONE', values: [{ value: '+49 30 1234' }] },
          { field_id: 2, field_code: 'EMAIL', values: [{ value: 'zoe@example.com' }] },
        ],
      }),
    ],
    [301, contactSchema.parse({ id: 301, name: 'Other' })],
  ]),
  companies: new Map([[400, contactSchema.parse({ id: 400, name: '=Acme' })]]),
  catalogElements: new Map([
    [
      catalogElementKey(70, 500),
      catalogElementSchema.parse({
        id: 500,
        name: 'Widget',
        catalog_id: 70,
        custom_fields_values: [{ field_id: 9, field_code: 'PRICE', values: [{ value: '49.90' }] }],
      }),
    ],
  ]),
};

function lead(wire: Partial<LeadWire>): Lead {
  return leadSchema.parse({ id: 1, updated_at: 0, ...wire });
}

// 2024-03-05 02:30 UTC is still 2024-03-04 23:30 in São Paulo (UTC-3).
const NEAR_MIDNIGHT = Date.UTC(2024, 2, 5, 2, 30) / 1000;

describe('buildExportColumns', () => {
  it('exports every column of the registry the table reads, with its header (date-time ones naming the zone)', () => {
    const columns = buildExportColumns(LEAD_COLUMN_IDS, ref, labels);
    // The main contact's phone and e-mail follow its name, each in a column of its own.
    const exported = LEAD_COLUMN_IDS.flatMap((id) => (id === 'main_contact' ? [id, 'main_contact_phone', 'main_contact_email'] : [id]));
    expect(columns.map((c) => c.id)).toEqual(exported);
    const zoned = new Set(['created_at', 'updated_at', 'closed_at', 'closest_task_at']);
    expect(columns.map((c) => c.header)).toEqual(
      exported.map((id) =>
        zoned.has(id) ? `${headerKey(id)} (America/Sao_Paulo)` : id === 'labor_cost' ? `${headerKey(id)} (h:mm)` : headerKey(id),
      ),
    );
  });

  const full = lead({
    id: 42,
    name: 'Deal',
    price: 1500,
    pipeline_id: 10,
    status_id: 142,
    responsible_user_id: 2,
    group_id: 5,
    created_at: NEAR_MIDNIGHT,
    created_by: 1,
    updated_at: NEAR_MIDNIGHT,
    loss_reason_id: 9,
    labor_cost: 3600,
    is_price_modified_by_robot: false,
    custom_fields_values: [
      { field_id: 100, field_type: 'numeric', values: [{ value: '12.5' }] },
      {
        field_id: 101,
        field_type: 'multiselect',
        values: [
          { value: 'Red', enum_id: 1 },
          { value: null, enum_id: 2 },
        ],
      },
      { field_id: 102, field_type: 'date', values: [{ value: Date.UTC(2024, 2, 5, 3, 0) / 1000 }] },
      { field_id: 103, field_type: 'checkbox', values: [{ value: true }] },
    ],
    _embedded: {
      tags: [
        { id: 1, name: 'vip' },
        { id: 2, name: 'eu' },
      ],
      companies: [{ id: 400 }],
      contacts: [
        { id: 301, is_main: false },
        { id: 300, is_main: true },
      ],
      catalog_elements: [{ id: 500, metadata: { quantity: 3, catalog_id: 70 } }],
    },
  });

  it('keeps the given order, skips ids it cannot export, and takes custom field names as headers', () => {
    const cols = buildExportColumns(['price', 'expand', 'name', 'cf_101', 'cf_999', 'price'], ref, labels);
    expect(cols.map((c) => [c.id, c.header])).toEqual([
      ['price', 'H:colPrice'],
      ['name', 'H:colName'],
      ['cf_101', 'Colour'],
    ]);
  });

  it('exports names instead of ids and flattens embedded entities', () => {
    const ids = [
      'id',
      'stage',
      'pipeline',
      'responsible',
      'group',
      'created_by',
      'created_at',
      'tags',
      'main_contact',
      'contacts',
      'company',
      'loss_reason',
      'products',
      'labor_cost',
      'price_by_robot',
    ];
    const cols = buildExportColumns(ids, ref, labels);
    expect(Object.fromEntries(cols.map((c) => [c.id, c.value(full)]))).toEqual({
      id: 42,
      stage: 'Won',
      pipeline: 'Sales',
      responsible: 'Bo (inactive)',
      group: 'North',
      created_by: 'Ana',
      created_at: '2024-03-04 23:30',
      tags: 'vip; eu',
      // The table's words: the main contact by name; every contact's details are the contacts column's.
      main_contact: 'Zoë, "Z" Müller',
      main_contact_phone: '+49 30 1234',
      main_contact_email: 'zoe@example.com',
      contacts: 'Zoë, "Z" Müller (+49 30 1234, zoe@example.com); Other',
      company: '=Acme',
      loss_reason: 'Price',
      products: 'Widget [Products] × 3 @ 49.9',
      labor_cost: '1:00',
      price_by_robot: 'No',
    });
  });

  it('renders custom fields by type: numeric as a number, enum labels, dates in the account zone, checkbox', () => {
    const cols = buildExportColumns(['cf_100', 'cf_101', 'cf_102', 'cf_103'], ref, labels);
    expect(cols.map((c) => c.value(full))).toEqual([12.5, 'Red; Blue', '2024-03-05', 'Yes']);
  });

  it('leaves empty fields empty and says what the table says for unknown ids', () => {
    const bare = lead({ id: 7, pipeline_id: 99, status_id: 5, responsible_user_id: 77, _embedded: { contacts: [{ id: 999, is_main: true }] } });
    const cols = buildExportColumns(
      ['name', 'price', 'stage', 'responsible', 'tags', 'main_contact', 'company', 'loss_reason', 'cf_100', 'closed_at'],
      ref,
      labels,
    );
    expect(cols.map((c) => c.value(bare))).toEqual(['Lead #7', '', '#99', 'Stage 5', 'User 77', '', '#999', '', '', '', '', '', '']);
  });

  it('puts the pipeline beside the stage, names the zone in date-time headers, and links each lead to its Kommo card', () => {
    const linked = { ...ref, leadUrl: (id: number) => `https://acme.kommo.com/leads/detail/${id}` };
    const cols = buildExportColumns(['name', 'stage', 'created_at', 'cf_100'], linked, labels);
    expect(cols.map((c) => c.header)).toEqual([
      'H:colName',
      'H:colPipeline',
      'H:colStage',
      'H:colCreatedAt (America/Sao_Paulo)',
      'Budget',
      'H:colKommoLink',
    ]);
    expect(cols.map((c) => c.value(full))).toEqual(['Deal', 'Sales', 'Won', '2024-03-04 23:30', 12.5, 'https://acme.kommo.com/leads/detail/42']);
    // A pipeline the user shows elsewhere is not repeated; without a Kommo page there is no link column.
    expect(buildExportColumns(['pipeline', 'name', 'stage'], ref, labels).map((c) => c.id)).toEqual(['pipeline', 'name', 'stage']);
  });

  it('writes a CSV that parses back to the same cells, with the formula guard on names', () => {
    const cols = buildExportColumns(['id', 'name', 'company', 'main_contact', 'price'], ref, labels);
    const csv = leadsToCsv([full, lead({ id: 8, name: '-1 day deal\nsecond line', price: -5 })], cols);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ',' }).data;
    expect(rows).toEqual([
      ['H:colId', 'H:colName', 'H:colCompany', 'H:colMainContact', 'H:colMainContactPhone', 'H:colMainContactEmail', 'H:colPrice'],
      ['42', 'Deal', "'=Acme", 'Zoë, "Z" Müller', "'+49 30 1234", 'zoe@example.com', '1500'],
      ['8', "'-1 day deal\nsecond line", '', '', '', '', '-5'],
    ]);
  });
});

describe('one instant for a whole file (the differential mismatch of view #86)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('two tasks due at the same second say the same days overdue on every row, while the clock passes a day mid-file', () => {
    const due = Date.UTC(2026, 11, 6, 12) / 1000;
    const dueTwice = [lead({ id: 7, closest_task_at: due }), lead({ id: 8, closest_task_at: due })];
    let tick = (due + 86_400) * 1000 - 1;
    vi.spyOn(Date, 'now').mockImplementation(() => tick++);
    const [attention] = buildExportColumns(['attention'], ref, labels);
    if (!attention) throw new Error('no attention column');
    const cells = dueTwice.map((l) => attention.value(l));
    expect(cells[0]).toBe('Task overdue today');
    expect(cells).toEqual([cells[0], cells[0]]);
    // And the instant can be given: the differential test reads both paths' files at one "now".
    const [later] = buildExportColumns(['attention'], { ...ref, nowMs: (due + 3 * 86_400) * 1000 }, labels);
    expect(later?.value(dueTwice[0] as Lead)).toBe('Task 3 days overdue');
  });
});

describe('referencedEntityIds', () => {
  it('collects contact, company and catalog element ids per catalog, once each', () => {
    const a = lead({
      _embedded: {
        contacts: [{ id: 1 }, { id: 2 }],
        companies: [{ id: 9 }],
        catalog_elements: [{ id: 5, metadata: { catalog_id: 70, quantity: 1 } }],
      },
    });
    const b = lead({ id: 2, _embedded: { contacts: [{ id: 2 }], catalog_elements: [{ id: 6, catalog_id: 71 }] } });
    const ids = referencedEntityIds([a, b]);
    expect(ids.contacts).toEqual([1, 2]);
    expect(ids.companies).toEqual([9]);
    expect([...ids.catalogElements.entries()]).toEqual([
      [70, [5]],
      [71, [6]],
    ]);
  });
});

describe('issue 23: exports for a dialer, a mail merge and Excel in Spanish or Portuguese', () => {
  const withContacts = lead({
    id: 9,
    price: 1234.5,
    created_at: Date.UTC(2026, 11, 7, 0, 0) / 1000,
    _embedded: {
      tags: [],
      companies: [],
      contacts: [
        { id: 301, is_main: false },
        { id: 300, is_main: true },
      ],
    },
  });

  it('the main contact\u2019s name, phone and e-mail each have a column of their own', () => {
    const columns = buildExportColumns(['name', 'main_contact'], ref, labels);
    expect(columns.map((c) => c.id)).toEqual(['name', 'main_contact', 'main_contact_phone', 'main_contact_email']);
    expect(columns.map((c) => c.value(withContacts))).toEqual(['Lead #9', 'Zoë, "Z" Müller', '+49 30 1234', 'zoe@example.com']);
    expect(columns.map((c) => c.header).slice(2)).toEqual(['H:colMainContactPhone', 'H:colMainContactEmail']);
  });

  it('Spanish and Portuguese CSV: `;` between cells, a decimal comma on bare numbers, and the BOM', () => {
    const columns = buildExportColumns(['name', 'price', 'main_contact'], ref, labels);
    const text = leadsToCsv([withContacts], columns, { dialect: SEMICOLON_DIALECT });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const line = text.split('\r\n')[1];
    expect(line).toBe('"Lead #9";1234,5;"Zoë, ""Z"" Müller";"+49 30 1234";"zoe@example.com"'.replace('"+49 30 1234"', '"\'+49 30 1234"'));
    expect(leadsToCsv([withContacts], columns).split('\r\n')[1]).toContain(',1234.5,');
  });

  it('dates in the account\u2019s own format: CSV text as Kommo shows it, XLSX cells with the matching Excel format', () => {
    const patterns = { dateTime: 'd.m.Y H:i', date: 'd.m.Y' };
    const [created] = buildExportColumns(['created_at'], { ...ref, datePatterns: patterns }, labels);
    // 00:00 UTC on 7 December is 21:00 on the 6th in São Paulo.
    expect(created!.value(withContacts)).toBe('06.12.2026 21:00');
    expect(created!.numFmt).toBe('dd.mm.yyyy hh:mm');
    const [plain] = buildExportColumns(['created_at'], ref, labels);
    expect(plain!.value(withContacts)).toBe('2026-12-06 21:00');
  });
});
