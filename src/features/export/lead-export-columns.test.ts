import Papa from 'papaparse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  catalogElementSchema,
  contactSchema,
  customFieldDefinitionSchema,
  leadSchema,
  pipelineSchema,
  type Lead,
  type LeadWire,
} from '../../kommo/schemas';
import {
  buildExportColumns,
  catalogElementKey,
  csvDate,
  csvDateTime,
  csvDuration,
  referencedEntityIds,
  type ExportReference,
} from './lead-export-columns';
import { BASE_EXPORT_COLUMN_IDS, type ExportLabels } from './export-column-ids';
import { LEAD_COLUMN_IDS } from '../../lib/leads-list/lead-column-registry';
import { leadsToCsv } from './leads-to-csv';

const labels: ExportLabels = {
  headers: Object.fromEntries(BASE_EXPORT_COLUMN_IDS.map((id) => [id, `H:${id}`])) as ExportLabels['headers'],
  yes: 'Yes',
  no: 'No',
  inactive: 'inactive',
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

describe('dates and durations', () => {
  it('formats in the account timezone, not UTC or the machine zone', () => {
    expect(csvDateTime(NEAR_MIDNIGHT, 'America/Sao_Paulo')).toBe('2024-03-04 23:30');
    expect(csvDateTime(NEAR_MIDNIGHT, 'UTC')).toBe('2024-03-05 02:30');
    expect(csvDate(NEAR_MIDNIGHT, 'Asia/Tokyo')).toBe('2024-03-05');
    expect(csvDateTime(Date.UTC(2024, 0, 1, 0, 0) / 1000, 'UTC')).toBe('2024-01-01 00:00');
    expect(csvDateTime(null, 'UTC')).toBe('');
  });

  it('agrees with Intl for any instant in zones with DST, half-hour and quarter-hour offsets', () => {
    const zones = ['America/Sao_Paulo', 'America/St_Johns', 'Australia/Lord_Howe', 'Europe/Berlin', 'Asia/Kathmandu', 'America/New_York', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.constantFrom(...zones), (unix, zone) => {
        const p = Object.fromEntries(
          new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          })
            .formatToParts(new Date(unix * 1000))
            .map((x) => [x.type, x.value]),
        );
        expect(csvDateTime(unix, zone)).toBe(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`);
      }),
      { numRuns: 3000 },
    );
    // Around New York's spring-forward (2024-03-10 07:00 UTC) and St John's (05:30 UTC).
    expect(csvDateTime(Date.UTC(2024, 2, 10, 6, 59) / 1000, 'America/New_York')).toBe('2024-03-10 01:59');
    expect(csvDateTime(Date.UTC(2024, 2, 10, 7, 0) / 1000, 'America/New_York')).toBe('2024-03-10 03:00');
    expect(csvDateTime(Date.UTC(2024, 2, 10, 5, 29) / 1000, 'America/St_Johns')).toBe('2024-03-10 01:59');
    expect(csvDateTime(Date.UTC(2024, 2, 10, 5, 30) / 1000, 'America/St_Johns')).toBe('2024-03-10 03:00');
  });

  it('writes labor cost as hours:minutes', () => {
    expect(csvDuration(7500)).toBe('2:05');
    expect(csvDuration(0)).toBe('0:00');
    expect(csvDuration(null)).toBe('');
  });
});

describe('buildExportColumns', () => {
  it('exports every column of the registry the table reads, with its header (date-time ones naming the zone)', () => {
    const columns = buildExportColumns(LEAD_COLUMN_IDS, ref, labels);
    expect(columns.map((c) => c.id)).toEqual([...LEAD_COLUMN_IDS]);
    const zoned = new Set(['created_at', 'updated_at', 'closed_at', 'closest_task_at']);
    expect(columns.map((c) => c.header)).toEqual(LEAD_COLUMN_IDS.map((id) => (zoned.has(id) ? `H:${id} (America/Sao_Paulo)` : `H:${id}`)));
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
      ['price', 'H:price'],
      ['name', 'H:name'],
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
      main_contact: 'Zoë, "Z" Müller (+49 30 1234, zoe@example.com)',
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

  it('leaves empty fields empty and shows unknown ids as #id', () => {
    const bare = lead({ id: 7, pipeline_id: 99, status_id: 5, responsible_user_id: 77, _embedded: { contacts: [{ id: 999, is_main: true }] } });
    const cols = buildExportColumns(
      ['name', 'price', 'stage', 'responsible', 'tags', 'main_contact', 'company', 'loss_reason', 'cf_100', 'closed_at'],
      ref,
      labels,
    );
    expect(cols.map((c) => c.value(bare))).toEqual([null, null, '#99', '#5', '#77', '', '#999', '', '', '', '']);
  });

  it('puts the pipeline beside the stage, names the zone in date-time headers, and links each lead to its Kommo card', () => {
    const linked = { ...ref, leadUrl: (id: number) => `https://acme.kommo.com/leads/detail/${id}` };
    const cols = buildExportColumns(['name', 'stage', 'created_at', 'cf_100'], linked, labels);
    expect(cols.map((c) => c.header)).toEqual(['H:name', 'H:pipeline', 'H:stage', 'H:created_at (America/Sao_Paulo)', 'Budget', 'H:kommo_link']);
    expect(cols.map((c) => c.value(full))).toEqual(['Deal', 'Sales', 'Won', '2024-03-04 23:30', 12.5, 'https://acme.kommo.com/leads/detail/42']);
    // A pipeline the user shows elsewhere is not repeated; without a Kommo page there is no link column.
    expect(buildExportColumns(['pipeline', 'name', 'stage'], ref, labels).map((c) => c.id)).toEqual(['pipeline', 'name', 'stage']);
  });

  it('writes a CSV that parses back to the same cells, with the formula guard on names', () => {
    const cols = buildExportColumns(['id', 'name', 'company', 'main_contact', 'price'], ref, labels);
    const csv = leadsToCsv([full, lead({ id: 8, name: '-1 day deal\nsecond line', price: -5 })], cols);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ',' }).data;
    expect(rows).toEqual([
      ['H:id', 'H:name', 'H:company', 'H:main_contact', 'H:price'],
      ['42', 'Deal', "'=Acme", 'Zoë, "Z" Müller (+49 30 1234, zoe@example.com)', '1500'],
      ['8', "'-1 day deal\nsecond line", '', '', '-5'],
    ]);
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
