// Lead custom fields of every type Kommo documents (shared/kommo-api.md), their definitions for
// /leads/custom_fields, and the per-lead values, generated on demand from (seed, lead id) so 100k
// leads do not keep a million small objects alive.
import type * as z from 'zod/mini';
import type { customFieldDefinitionSchema, customFieldValueSchema } from '@/kommo/custom-field-schema';
import { createRandom, mixSeed, type Random } from './prng';
import { accountMidnight, accountMidnightOf, DAY, HOUR } from './demo-time';
import { DOMAIN_WORDS, NOTES, STREETS, WAREHOUSE_NAMES, type DemoLanguage } from './demo-vocabulary';

export type CustomFieldDefinitionWire = z.input<typeof customFieldDefinitionSchema>;
export type CustomFieldValueWire = z.input<typeof customFieldValueSchema>;

export type LeadFieldContext = { lang: DemoLanguage; createdAt: number; index: number; name: string };
type ValueItem = NonNullable<CustomFieldValueWire['values']> extends (infer T)[] ? T : never;

type FieldSpec = {
  name: string;
  type: string;
  code?: string;
  /** Share of leads with a value. */
  fill: number;
  enums?: readonly string[];
  text?: (r: Random, ctx: LeadFieldContext) => string;
  range?: readonly [number, number];
};

/** Calendar year of a timestamp, near enough for a project code (and far cheaper than Date on 100k leads). */
const yearOf = (unixSeconds: number) => Math.floor(1970 + unixSeconds / 31_556_952);
const tracking = (name: string, code: string, samples: readonly string[]): FieldSpec => ({
  name,
  type: 'tracking_data',
  code,
  fill: 0.12,
  text: (r) => r.pick(samples),
});

/** Unsafe schemes: user-entered URLs the UI must never turn into live links. */
export const UNSAFE_URLS = ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'JavaScript:alert(document.cookie)'] as const;

const FIELD_SPECS: readonly FieldSpec[] = [
  { name: 'Project code', type: 'text', fill: 0.7, text: (r, c) => `PRJ-${yearOf(c.createdAt)}-${String(r.int(1, 9999)).padStart(4, '0')}` },
  { name: 'Seats', type: 'numeric', fill: 0.6, range: [1, 500] },
  {
    name: 'Industry',
    type: 'select',
    fill: 0.75,
    enums: ['Retail', 'Healthcare', 'Education', 'Manufacturing', 'Hospitality', 'Tecnología', 'Logística', 'Agronegócio'],
  },
  {
    name: 'Products of interest',
    type: 'multiselect',
    fill: 0.55,
    enums: ['CRM', 'Telephony', 'WhatsApp inbox', 'Analytics', 'Automations', 'Facturación'],
  },
  { name: 'Expected close date', type: 'date', fill: 0.6 },
  { name: 'Demo scheduled at', type: 'date_time', fill: 0.35 },
  { name: 'NDA signed', type: 'checkbox', fill: 0.5 },
  {
    name: 'Website',
    type: 'url',
    fill: 0.55,
    text: (r) => (r.chance(0.03) ? r.pick(UNSAFE_URLS) : `https://www.client${r.int(1, 9999)}.${r.pick(DOMAIN_WORDS)}.com/`),
  },
  { name: 'Notes', type: 'textarea', fill: 0.4, text: (r, c) => r.pick(NOTES[c.lang]) },
  { name: 'Priority', type: 'radiobutton', fill: 0.65, enums: ['Low', 'Medium', 'High'] },
  { name: 'Budget', type: 'price', fill: 0.45, range: [500, 200_000] },
  { name: 'Contract value', type: 'monetary', fill: 0.3, range: [1_000, 500_000] },
  { name: 'Decision maker birthday', type: 'birthday', fill: 0.2 },
  { name: 'Delivery address', type: 'streetaddress', fill: 0.3, text: (r, c) => r.pick(STREETS[c.lang]) },
  { name: 'Segment', type: 'category', fill: 0.5, enums: ['SMB', 'Mid-market', 'Enterprise'] },
  { name: 'Competitor', type: 'select', fill: 0.2, enums: ['Salesforce', 'HubSpot', 'Pipedrive', 'RD Station', 'Ninguno'] },
  { name: 'Contract number', type: 'text', fill: 0.15, text: (r) => `CT-${r.int(10_000, 99_999)}` },
  { name: 'Payment method', type: 'select', fill: 0.25, enums: ['Credit card', 'Boleto', 'PIX', 'Transferencia', 'Invoice'] },
  { name: 'Delivery date', type: 'date', fill: 0.15 },
  { name: 'Discount %', type: 'numeric', fill: 0.2, range: [0, 40] },
  { name: 'Renewal date', type: 'date', fill: 0.1 },
  {
    name: 'Decision maker',
    type: 'text',
    fill: 0.2,
    text: (r) => r.pick(['CEO', 'CFO', 'Head of Sales', 'Gerente de compras', 'Diretor comercial']),
  },
  { name: 'Department', type: 'select', fill: 0.15, enums: ['Sales', 'Marketing', 'Finance', 'Operaciones', 'TI'] },
  { name: 'Tax ID', type: 'text', fill: 0.25, text: (r) => `${r.int(10, 99)}.${r.int(100, 999)}.${r.int(100, 999)}/0001-${r.int(10, 99)}` },
  { name: 'Preferred language', type: 'radiobutton', fill: 0.3, enums: ['English', 'Español', 'Português'] },
  { name: 'Newsletter opt-in', type: 'checkbox', fill: 0.3 },
  { name: 'LinkedIn', type: 'url', fill: 0.1, text: (r) => `https://www.linkedin.com/company/${r.int(100_000, 999_999)}` },
  { name: 'Meeting notes', type: 'textarea', fill: 0.1, text: (r, c) => r.pick(NOTES[c.lang]) },
  { name: 'Follow-up at', type: 'date_time', fill: 0.2 },
  { name: 'Employees', type: 'numeric', fill: 0.3, range: [1, 20_000] },
  { name: 'Annual revenue', type: 'price', fill: 0.1, range: [50_000, 90_000_000] },
  { name: 'Invoice number', type: 'text', fill: 0.1, text: (r) => `INV-${r.int(1, 99_999)}` },
  { name: 'Lost to', type: 'text', fill: 0.05, text: (r) => r.pick(['Competitor', 'In-house tool', 'Planilha']) },
  tracking('utm_source', 'UTM_SOURCE', ['google', 'facebook', 'instagram', 'newsletter', 'linkedin']),
  tracking('utm_medium', 'UTM_MEDIUM', ['cpc', 'email', 'social', 'organic']),
  tracking('utm_campaign', 'UTM_CAMPAIGN', ['black-friday', 'q3-promo', 'webinar-crm', 'lanzamiento']),
  tracking('utm_content', 'UTM_CONTENT', ['banner-a', 'banner-b', 'video']),
  tracking('utm_term', 'UTM_TERM', ['crm', 'crm whatsapp', 'sistema de vendas']),
  tracking('utm_referrer', 'UTM_REFERRER', ['https://www.google.com/', 'https://l.facebook.com/']),
  tracking('referrer', 'REFERRER', ['https://www.google.com/', 'https://duckduckgo.com/']),
  tracking('gclientid', 'GCLIENTID', ['1839284.1683920000', '2938475.1690000000']),
  tracking('gclid', 'GCLID', ['Cj0KCQjw', 'EAIaIQob']),
  tracking('fbclid', 'FBCLID', ['IwAR2x', 'IwAR0k']),
  tracking('_ym_uid', '_YM_UID', ['1683920000123456']),
  tracking('_ym_counter', '_YM_COUNTER', ['91234567']),
  tracking('roistat', 'ROISTAT', ['12345', '67890']),
  tracking('openstat_service', 'OPENSTAT_SERVICE', ['direct']),
  tracking('openstat_campaign', 'OPENSTAT_CAMPAIGN', ['spring']),
  tracking('openstat_ad', 'OPENSTAT_AD', ['ad-1']),
  tracking('openstat_source', 'OPENSTAT_SOURCE', ['partner']),
  tracking('from', 'FROM', ['landing', 'chat-widget']),
  tracking('yclid', 'YCLID', ['4567']),
  // Last, so the fields before it keep their random draws. Values name an element of the Warehouses list.
  { name: 'Warehouse', type: 'chained_list', fill: 0.5 },
];

/** The catalog the chained list points into (demo-reference.ts: Warehouses, elements from 991_001). */
const CHAINED_CATALOG = { id: 5_502, firstElementId: 991_001, count: WAREHOUSE_NAMES.length } as const;

const QUARTER_HOURS = [0, 900, 1800, 2700] as const;
const FIRST_FIELD_ID = 1_120_001;
const FIRST_ENUM_ID = 3_480_001;

type CompiledField = FieldSpec & { id: number; enumItems: { id: number; value: string; sort: number }[] };

const FIELDS: readonly CompiledField[] = (() => {
  let enumId = FIRST_ENUM_ID;
  return FIELD_SPECS.map((spec, i) => ({
    ...spec,
    id: FIRST_FIELD_ID + i * 3,
    enumItems: (spec.enums ?? []).map((value, j) => ({ id: enumId++, value, sort: (j + 1) * 500 })),
  }));
})();

export const LEAD_CUSTOM_FIELDS: readonly CustomFieldDefinitionWire[] = FIELDS.map((f, i) => ({
  id: f.id,
  name: f.name,
  type: f.type,
  account_id: 31_234_567,
  code: f.code ?? null,
  sort: (i + 1) * 10,
  is_api_only: false,
  enums: f.enumItems.length > 0 ? f.enumItems : null,
  group_id: null,
  required_statuses: [],
  is_deletable: f.type !== 'tracking_data',
  is_predefined: f.type === 'tracking_data',
  entity_type: 'leads',
  remind: f.type === 'birthday' ? 'day' : null,
  settings: null,
  currency: f.type === 'monetary' ? 'USD' : null,
  _links: { self: { href: `/api/v4/leads/custom_fields/${f.id}` } },
}));

/** A field id of each type, for tests and for the UI's benefit. */
export function leadFieldIdOfType(type: string): number | undefined {
  return FIELDS.find((f) => f.type === type)?.id;
}
export const WEBSITE_FIELD_ID = FIELDS.find((f) => f.name === 'Website')?.id ?? 0;

function enumValue(e: { id: number; value: string }): ValueItem {
  return { value: e.value, enum_id: e.id, enum_code: null };
}

// No closures in here: it runs for every field of every lead (tsx wraps each closure it creates).
function valuesFor(f: CompiledField, r: Random, ctx: LeadFieldContext): ValueItem[] {
  const min = f.range?.[0] ?? 0;
  const max = f.range?.[1] ?? 100;
  switch (f.type) {
    case 'numeric':
    case 'price':
      return [{ value: String(r.int(min, max)) }];
    case 'monetary':
      return [{ value: (r.int(min * 100, max * 100) / 100).toFixed(2) }];
    case 'select':
    case 'radiobutton':
    case 'category':
      return [enumValue(r.pick(f.enumItems))];
    case 'multiselect': {
      const picked = r.sample(f.enumItems, r.int(1, 3));
      const out: ValueItem[] = [];
      for (const e of picked) out.push(enumValue(e));
      return out;
    }
    case 'checkbox':
      return [{ value: r.chance(0.5) }];
    case 'date':
      return [{ value: accountMidnight(ctx.createdAt + r.int(5, 120) * DAY) }];
    case 'birthday':
      // May-September only: Brazil's old daylight-saving periods (before 2019) all fell in Oct-Apr,
      // so the fixed -03:00 offset is exact for these dates too.
      return [{ value: accountMidnightOf(r.int(1955, 2002), r.int(5, 9), r.int(1, 28)) }];
    case 'chained_list':
      // Kommo sends {catalog_id, catalog_element_id} and no value (amocrm-api-php ChainedListCustomFieldValueModel).
      return [{ catalog_id: CHAINED_CATALOG.id, catalog_element_id: CHAINED_CATALOG.firstElementId + r.int(0, CHAINED_CATALOG.count - 1) }];
    case 'date_time':
      return [{ value: ctx.createdAt + r.int(1, 30) * DAY + r.int(8, 18) * HOUR + r.pick(QUARTER_HOURS) }];
    default:
      return [{ value: f.text ? f.text(r, ctx) : f.name }];
  }
}

/**
 * The lead's custom_fields_values, or null when it has none (as Kommo sends it). A few leads are
 * forced to carry unsafe URLs so that every demo page size shows one early.
 */
export function leadCustomFieldValues(seed: number, leadId: number, ctx: LeadFieldContext): CustomFieldValueWire[] | null {
  const r = createRandom(mixSeed(seed, 3, leadId));
  // Some leads were never enriched: Kommo sends null for them.
  if (r.chance(0.03) && ctx.index % 50 !== 2) return null;
  const out: CustomFieldValueWire[] = [];
  for (const f of FIELDS) {
    const forcedUrl = f.id === WEBSITE_FIELD_ID && ctx.index % 50 === 2 ? UNSAFE_URLS[Math.floor(ctx.index / 50) % 2] : undefined;
    if (!forcedUrl && !r.chance(f.fill)) continue;
    const values = forcedUrl ? [{ value: forcedUrl }] : valuesFor(f, r, ctx);
    out.push({ field_id: f.id, field_name: f.name, field_code: f.code ?? null, field_type: f.type, values });
  }
  return out.length > 0 ? out : null;
}

/** The text the full-text `query` searches in, besides the name: every string value. */
export function customFieldSearchText(values: CustomFieldValueWire[] | null): string {
  if (!values) return '';
  const parts: string[] = [];
  for (const field of values) for (const v of field.values ?? []) if (typeof v.value === 'string') parts.push(v.value);
  return parts.join('\n');
}
