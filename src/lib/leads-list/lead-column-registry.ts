// One definition per lead column: its id, header, what it asks Kommo for (`with=`), whether it is
// shown at first, how the browser may sort it, the files' number format, and its value for a lead.
// The table (its cells draw the value), the browser sort, CSV and XLSX all read the value from here,
// so no two places compute a column's value. Custom fields get the same shape (customFieldColumn).
import { entityName, valueToText } from '@/kommo/custom-field-value-data';
import type { LeadWith, OrderField } from '@/kommo/leads-query';
import type { CatalogElement, CatalogElementLink } from '@/kommo/catalog-schema';
import type { Contact } from '@/kommo/contact-schema';
import type { CustomFieldDefinition } from '@/kommo/custom-field-schema';
import type { Lead } from '@/kommo/lead-schema';
import { findStage } from '@/lib/reference-data/lead-reference';
import { catalogElementKey, type ColumnContext } from './column-context';
import { EMPTY, listOf, PENDING, text, type ColumnValue } from './column-value';
import { customFieldColumnId, customFieldIdOf } from './custom-field-columns';
import { customFieldValue, NUMERIC_FIELD_TYPES } from './custom-field-value';
import { leadAttention } from './lead-attention';
import type { LeadColumnMessageKey } from './lead-column-messages';

/**
 * How the browser sorts the column once the whole view is loaded: by words (A to Z first), by
 * number or date (largest or newest first), or not at all: names fetched only for the pages in view
 * (contacts, companies, catalog elements) cannot order every lead.
 */
export type LocalSortKind = 'text' | 'number' | false;

/** Excel number formats of the typed (XLSX) cells. */
export const XLSX_DATE_TIME = 'yyyy-mm-dd hh:mm';
export const XLSX_DATE = 'yyyy-mm-dd';
export const XLSX_DURATION = '[h]:mm';

export type LeadColumnDefinition<Id extends string = string> = {
  readonly id: Id;
  /** The header: a catalogue key (lead-column-messages), or a custom field's CRM name. */
  readonly header: { readonly key: LeadColumnMessageKey } | { readonly name: string };
  /** The `with=` values Kommo needs to return this column's data. */
  readonly needsWith?: readonly LeadWith[];
  /** Hidden until the user shows it, to keep the first screen readable. */
  readonly hiddenByDefault?: boolean;
  /** A column of the files only (every contact, the link to the card), never of the table. */
  readonly fileOnly?: boolean;
  readonly sort: LocalSortKind;
  /** Dates and times: the files' header names the account's zone. */
  readonly zoned?: boolean;
  /** The files' header names the unit (`h:mm`). */
  readonly fileUnit?: string;
  /** The XLSX number format of the column's cells. */
  readonly xlsxFormat?: string;
  /** The table's column: its width (px), numbers aligned to the end, and the order Kommo itself can sort it by. */
  readonly table?: { readonly width: number; readonly align?: 'end'; readonly kommoOrder?: OrderField };
  /** The totals row sums and averages it, as money (the account's currency) or a plain number. */
  readonly total?: 'money' | 'number';
  readonly value: (lead: Lead, ctx: ColumnContext) => ColumnValue;
};

const instant = (seconds: number | null): ColumnValue => (seconds === null ? EMPTY : { kind: 'instant', seconds });
const number = (value: number | null): ColumnValue => (value === null || !Number.isFinite(value) ? EMPTY : { kind: 'number', value });
const yesNo = (flag: boolean | null, ctx: ColumnContext): ColumnValue => (flag === null ? EMPTY : text(ctx.text(flag ? 'yes' : 'no')));

/** `#id`: a name the account's lists do not hold (deleted, or not visible to this user). */
const byId = (id: number) => text(`#${id}`);

function userValue(id: number | null, ctx: ColumnContext): ColumnValue {
  if (id === null) return EMPTY;
  // Kommo's "created by robot": web forms, integrations and Salesbot write 0 (Kommo's docs, leads API).
  if (id === 0) return text(ctx.text('robotUser'));
  const user = ctx.ref.users.get(id);
  if (!user) return text(ctx.text('unknownUser', { id }));
  return text(user.rights?.is_active === false ? `${user.name} (${ctx.text('inactiveUser')})` : user.name);
}

function mainContactLink(lead: Lead) {
  const links = lead._embedded.contacts ?? [];
  return links.find((c) => c.is_main) ?? links[0];
}

function fieldValues(entity: Contact, code: string): string[] {
  const field = entity.custom_fields_values.find((f) => f.field_code === code);
  return field ? field.values.map((v) => valueToText(v.value)).filter(Boolean) : [];
}

function mainContactField(lead: Lead, ctx: ColumnContext, code: 'PHONE' | 'EMAIL'): ColumnValue {
  const main = mainContactLink(lead);
  const contact = main ? ctx.entities.contacts.get(main.id) : undefined;
  const first = contact ? fieldValues(contact, code)[0] : undefined;
  return first ? text(first) : EMPTY;
}

/** `Ana Souza (+55 11 5555-0101, ana@example.com)`: the name with the phones and emails Kommo holds. */
function contactWithDetails(contact: Contact | undefined, id: number, ctx: ColumnContext): ColumnValue {
  if (!contact) return ctx.entities.pending?.has('contacts') ? PENDING : byId(id);
  const name = entityName(contact) ?? ctx.text('unnamedContact', { id });
  const details = [...fieldValues(contact, 'PHONE'), ...fieldValues(contact, 'EMAIL')];
  return text(details.length > 0 ? `${name} (${details.join(', ')})` : name);
}

/** The element's price: the field the lead's link names (metadata.price_id), else the one coded PRICE. */
export function elementPrice(element: CatalogElement, priceId: number | null): number | null {
  const byField = priceId === null ? undefined : element.custom_fields_values.find((f) => f.field_id === priceId);
  const raw = valueToText((byField ?? element.custom_fields_values.find((f) => f.field_code === 'PRICE'))?.values[0]?.value).trim();
  const n = Number(raw);
  return raw !== '' && Number.isFinite(n) ? n : null;
}

/** `Widget [Products] × 2 @ 12.5`: the element, its catalog, the quantity and the unit price the lead uses. */
function productValue(link: CatalogElementLink, ctx: ColumnContext): ColumnValue {
  const element = ctx.entities.catalogElements.get(catalogElementKey(link.catalog_id, link.id));
  if (!element && ctx.entities.pending?.has('catalogElements')) return PENDING;
  const name = element?.name || `#${link.id}`;
  const catalog = link.catalog_id !== null ? ctx.ref.catalogs.get(link.catalog_id)?.name : undefined;
  const label = catalog ? `${name} [${catalog}]` : name;
  const withQuantity = link.quantity !== null ? `${label} × ${link.quantity}` : label;
  const price = element ? elementPrice(element, link.price_id) : null;
  return text(price !== null ? `${withQuantity} @ ${price}` : withQuantity);
}

export const LEAD_COLUMNS = [
  {
    id: 'name',
    header: { key: 'colName' },
    table: { width: 260 },
    sort: 'text',
    value: (lead, ctx) => text(lead.name?.trim() ? lead.name : ctx.text('untitledLead', { id: lead.id })),
  },
  {
    id: 'id',
    header: { key: 'colId' },
    table: { width: 100, align: 'end', kommoOrder: 'id' },
    sort: 'number',
    value: (lead) => ({ kind: 'id', value: lead.id }),
  },
  {
    id: 'price',
    header: { key: 'colPrice' },
    // Wide enough for the totals row's average in Portuguese and Spanish ("média US$ 123.456,78"): at 130 its cents were cut.
    table: { width: 160, align: 'end' },
    total: 'money',
    sort: 'number',
    value: (lead) => (lead.price === null || !Number.isFinite(lead.price) ? EMPTY : { kind: 'money', value: lead.price }),
  },
  {
    id: 'stage',
    header: { key: 'colStage' },
    table: { width: 240 },
    sort: 'text',
    value: (lead, ctx) => {
      if (lead.status_id === null) return EMPTY;
      const stage = findStage(ctx.ref, lead.pipeline_id, lead.status_id);
      // Pipelines in their order, then stages in theirs: the order a manager sees in Kommo; unknown stages after.
      if (!stage) return text(ctx.text('unknownStage', { id: lead.status_id }), 1e12 + lead.status_id);
      return text(stage.status.name, (stage.pipeline.sort ?? 0) * 100_000 + (stage.status.sort ?? 0));
    },
  },
  {
    id: 'pipeline',
    header: { key: 'colPipeline' },
    table: { width: 160 },
    hiddenByDefault: true,
    sort: 'text',
    value: (lead, ctx) => (lead.pipeline_id === null ? EMPTY : text(ctx.ref.pipelines.get(lead.pipeline_id)?.name ?? `#${lead.pipeline_id}`)),
  },
  {
    id: 'responsible',
    header: { key: 'colResponsible' },
    table: { width: 180 },
    sort: 'text',
    value: (lead, ctx) => userValue(lead.responsible_user_id, ctx),
  },
  {
    id: 'group',
    header: { key: 'colGroup' },
    table: { width: 140 },
    hiddenByDefault: true,
    sort: 'text',
    value: (lead, ctx) => {
      if (lead.group_id === null) return EMPTY;
      const name = ctx.ref.groups.get(lead.group_id)?.name;
      // Group 0 is the account's main group even where an older /account does not list it.
      return text(name ?? (lead.group_id === 0 ? ctx.text('mainGroup') : `#${lead.group_id}`));
    },
  },
  {
    id: 'created_at',
    header: { key: 'colCreatedAt' },
    table: { width: 160, kommoOrder: 'created_at' },
    sort: 'number',
    zoned: true,
    xlsxFormat: XLSX_DATE_TIME,
    value: (lead) => instant(lead.created_at),
  },
  {
    id: 'created_by',
    header: { key: 'colCreatedBy' },
    table: { width: 170 },
    hiddenByDefault: true,
    sort: 'text',
    value: (lead, ctx) => userValue(lead.created_by, ctx),
  },
  {
    id: 'updated_at',
    header: { key: 'colUpdatedAt' },
    table: { width: 160, kommoOrder: 'updated_at' },
    sort: 'number',
    zoned: true,
    xlsxFormat: XLSX_DATE_TIME,
    value: (lead) => instant(lead.updated_at),
  },
  {
    id: 'updated_by',
    header: { key: 'colUpdatedBy' },
    table: { width: 170 },
    hiddenByDefault: true,
    sort: 'text',
    value: (lead, ctx) => userValue(lead.updated_by, ctx),
  },
  {
    id: 'closed_at',
    header: { key: 'colClosedAt' },
    table: { width: 160 },
    sort: 'number',
    zoned: true,
    xlsxFormat: XLSX_DATE_TIME,
    value: (lead) => instant(lead.closed_at),
  },
  {
    id: 'closest_task_at',
    header: { key: 'colClosestTaskAt' },
    // Room for "· 12 days overdue" after the date.
    table: { width: 250 },
    sort: 'number',
    zoned: true,
    xlsxFormat: XLSX_DATE_TIME,
    value: (lead) => instant(lead.closest_task_at),
  },
  {
    // Why one of my open leads needs action (lead-attention.ts): ranked worst first, the reason as words.
    id: 'attention',
    header: { key: 'colAttention' },
    hiddenByDefault: true,
    // Room for "· 40 days in this stage" after the reason (the cell's stage age, from Kommo's events).
    table: { width: 360 },
    sort: 'number',
    value: (lead, ctx) => {
      const need = leadAttention(lead, ctx.nowMs);
      if (!need) return EMPTY;
      const words =
        need.reason === 'overdue'
          ? need.days > 0
            ? ctx.text('attentionOverdue', { count: need.days })
            : ctx.text('attentionOverdueToday')
          : ctx.text(need.reason === 'noTask' ? 'attentionNoTask' : 'attentionStale', { count: need.days });
      return text(words, need.severity);
    },
  },
  {
    id: 'tags',
    header: { key: 'colTags' },
    table: { width: 200 },
    sort: 'text',
    value: (lead) => listOf(lead._embedded.tags.map((t) => text(t.name))),
  },
  {
    id: 'main_contact',
    header: { key: 'colMainContact' },
    table: { width: 180 },
    needsWith: ['contacts'],
    sort: false,
    value: (lead, ctx) => {
      const main = mainContactLink(lead);
      if (!main) return EMPTY;
      const contact = ctx.entities.contacts.get(main.id);
      if (!contact) return ctx.entities.pending?.has('contacts') ? PENDING : byId(main.id);
      return text(entityName(contact) ?? ctx.text('unnamedContact', { id: main.id }));
    },
  },
  // The main contact's first phone and e-mail, each in a column of its own (a dialer, a mail merge).
  {
    id: 'main_contact_phone',
    header: { key: 'colMainContactPhone' },
    needsWith: ['contacts'],
    fileOnly: true,
    sort: false,
    value: (lead, ctx) => mainContactField(lead, ctx, 'PHONE'),
  },
  {
    id: 'main_contact_email',
    header: { key: 'colMainContactEmail' },
    needsWith: ['contacts'],
    fileOnly: true,
    sort: false,
    value: (lead, ctx) => mainContactField(lead, ctx, 'EMAIL'),
  },
  {
    id: 'contacts',
    header: { key: 'colContacts' },
    needsWith: ['contacts'],
    fileOnly: true,
    sort: false,
    value: (lead, ctx) => {
      const links = [...(lead._embedded.contacts ?? [])].sort((a, b) => Number(b.is_main) - Number(a.is_main));
      return listOf(links.map((c) => contactWithDetails(ctx.entities.contacts.get(c.id), c.id, ctx)));
    },
  },
  {
    id: 'company',
    header: { key: 'colCompany' },
    table: { width: 180 },
    sort: false,
    value: (lead, ctx) => {
      const link = lead._embedded.companies[0];
      if (!link) return EMPTY;
      const company = ctx.entities.companies.get(link.id);
      if (!company) return ctx.entities.pending?.has('companies') ? PENDING : byId(link.id);
      return text(entityName(company) ?? ctx.text('unnamedCompany', { id: link.id }));
    },
  },
  {
    id: 'loss_reason',
    header: { key: 'colLossReason' },
    table: { width: 180 },
    needsWith: ['loss_reason'],
    sort: 'text',
    value: (lead, ctx) => {
      const embedded = lead._embedded.loss_reason?.[0];
      if (embedded?.name) return text(embedded.name);
      const id = lead.loss_reason_id ?? embedded?.id ?? null;
      if (id === null) return EMPTY;
      const reason = ctx.ref.lossReasons.get(id);
      if (!reason && ctx.ref.waiting?.has('lossReasons')) return PENDING;
      return text(reason?.name ?? `#${id}`);
    },
  },
  {
    id: 'products',
    header: { key: 'colProducts' },
    table: { width: 240 },
    needsWith: ['catalog_elements'],
    sort: false,
    value: (lead, ctx) => listOf((lead._embedded.catalog_elements ?? []).map((e) => productValue(e, ctx))),
  },
  {
    id: 'source',
    header: { key: 'colSource' },
    table: { width: 120 },
    needsWith: ['source_id', 'source'],
    hiddenByDefault: true,
    sort: 'text',
    value: (lead, ctx) => {
      // with=source names the lead's source (amocrm-api-php LeadModel); /sources lists only this integration's own.
      const source = lead._embedded.source;
      const id = lead.source_id ?? source?.id ?? null;
      if (id === null) return EMPTY;
      const name = source?.name || ctx.ref.sources.get(id)?.name;
      if (!name && ctx.ref.waiting?.has('sources')) return PENDING;
      return text(name || `#${id}`);
    },
  },
  {
    id: 'score',
    header: { key: 'colScore' },
    table: { width: 90, align: 'end' },
    hiddenByDefault: true,
    sort: 'number',
    value: (lead) => number(lead.score),
  },
  {
    id: 'labor_cost',
    header: { key: 'colLaborCost' },
    table: { width: 120, align: 'end' },
    hiddenByDefault: true,
    sort: 'number',
    fileUnit: 'h:mm',
    xlsxFormat: XLSX_DURATION,
    value: (lead) => (lead.labor_cost === null || !(lead.labor_cost >= 0) ? EMPTY : { kind: 'duration', seconds: lead.labor_cost }),
  },
  {
    id: 'price_by_robot',
    header: { key: 'colPriceByRobot' },
    table: { width: 150 },
    needsWith: ['is_price_modified_by_robot'],
    hiddenByDefault: true,
    sort: 'text',
    value: (lead, ctx) => yesNo(lead.is_price_modified_by_robot, ctx),
  },
  {
    id: 'kommo_link',
    header: { key: 'colKommoLink' },
    fileOnly: true,
    sort: false,
    value: (lead, ctx) => {
      const url = ctx.leadUrl?.(lead.id);
      return url ? text(url) : EMPTY;
    },
  },
] as const satisfies readonly LeadColumnDefinition[];

type AnyColumn = (typeof LEAD_COLUMNS)[number];
/** Every fixed column, the files' own included. */
export type FixedColumnId = AnyColumn['id'];
/** The table's fixed columns (the files' own left out). */
export type LeadColumnId = Exclude<AnyColumn, { fileOnly: true }>['id'];

const BY_ID: ReadonlyMap<string, LeadColumnDefinition> = new Map(LEAD_COLUMNS.map((c) => [c.id, c]));

export const LEAD_COLUMN_IDS = LEAD_COLUMNS.filter((c: LeadColumnDefinition) => !c.fileOnly).map((c) => c.id) as readonly LeadColumnId[];

/** The table's own first column (the ▶ toggle): not a lead field, never exported. */
export const EXPAND_COLUMN_ID = 'expand';

/** The column pinned first after the toggle, whatever the saved order. */
export const PINNED_COLUMN_ID: LeadColumnId = 'name';

/** Columns hidden until the user shows them, to keep the first screen readable. */
export const DEFAULT_HIDDEN_COLUMNS: readonly string[] = LEAD_COLUMNS.filter((c: LeadColumnDefinition) => c.hiddenByDefault).map((c) => c.id);

/** Custom field types the totals row adds up (dates sort as numbers but do not add up). */
const TOTAL_FIELD_TYPES: ReadonlySet<string> = new Set(['numeric', 'monetary', 'price']);

/** A custom field's column: the same definition shape as the fixed ones. */
export function customFieldColumn(field: CustomFieldDefinition): LeadColumnDefinition {
  const type = field.type;
  return {
    id: customFieldColumnId(field.id),
    header: { name: field.name },
    table: { width: type === 'textarea' || type === 'multiselect' ? 220 : 160, ...(type === 'numeric' ? { align: 'end' as const } : {}) },
    // Chained-list names come from catalog elements fetched for the pages in view only.
    sort: type === 'chained_list' ? false : NUMERIC_FIELD_TYPES.has(type) ? 'number' : 'text',
    // A monetary field's cells show the amount without a symbol: its total does the same.
    ...(TOTAL_FIELD_TYPES.has(type) ? { total: 'number' as const } : {}),
    zoned: type === 'date_time',
    ...(type === 'date_time' ? { xlsxFormat: XLSX_DATE_TIME } : type === 'date' || type === 'birthday' ? { xlsxFormat: XLSX_DATE } : {}),
    value: (lead, ctx) =>
      customFieldValue(
        lead.custom_fields_values.find((v) => v.field_id === field.id),
        field,
        ctx,
      ),
  };
}

/** The definition of a column id: a fixed column, or a custom field the account has; null otherwise (the ▶ toggle, a field gone). */
export function columnDefinition(id: string, customFields: ReadonlyMap<number, CustomFieldDefinition>): LeadColumnDefinition | null {
  const fixed = BY_ID.get(id);
  if (fixed) return fixed;
  const fieldId = customFieldIdOf(id);
  const field = fieldId === null ? undefined : customFields.get(fieldId);
  return field ? customFieldColumn(field) : null;
}

/** The `with=` values the visible fixed columns need (custom fields need none), so the list can be requested before custom fields arrive. */
export function visibleWithNeeds(visibility: Readonly<Record<string, boolean>>): LeadWith[] {
  const needs: LeadWith[] = [];
  for (const c of LEAD_COLUMNS as readonly LeadColumnDefinition[])
    if (c.needsWith && !c.fileOnly && visibility[c.id] !== false) needs.push(...c.needsWith);
  return needs;
}
