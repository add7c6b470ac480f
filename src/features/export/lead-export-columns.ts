// The exported value of every lead column, by the same column ids the table uses, so the table's
// visible columns (in their order) drive the file. Names instead of ids; contacts, tags, products
// and loss reason flattened to text; dates in the ACCOUNT's timezone in a spreadsheet-friendly form.
import type {
  Catalog,
  CatalogElement,
  Company,
  Contact,
  CustomFieldDefinition,
  CustomFieldValue,
  Group,
  Lead,
  LossReason,
  Pipeline,
  Source,
  User,
} from '../../kommo/schemas';
import type { CsvCell, CsvColumn, TypedCell } from './leads-to-csv';
import { chainedElement, entityName, UNREADABLE_MARK, valueToText } from '../../kommo/custom-field-value-data';
import { valueToSeconds } from '../../lib/time/kommo-dates';
import { accountWallClock, isoDate, isoDateTime } from '../../lib/time/wall-clock';
import { CUSTOM_FIELD_COLUMN_PREFIX } from '../../lib/leads-list/lead-column-registry';
import { BASE_EXPORT_COLUMN_IDS, type BaseExportColumnId, type ExportLabels } from './export-column-ids';
import { buildLeadLookups, findStage, type LeadLookups } from '../../lib/reference/lead-reference';

export type ExportReference = {
  /** An IANA zone Intl accepts (the account's). */
  timeZone: string;
  pipelines: readonly Pipeline[];
  users: readonly User[];
  groups: readonly Group[];
  lossReasons: readonly LossReason[];
  customFields: readonly CustomFieldDefinition[];
  catalogs: readonly Catalog[];
  sources: readonly Source[];
  contacts: ReadonlyMap<number, Contact>;
  companies: ReadonlyMap<number, Company>;
  /** Keyed by `catalogElementKey(catalogId, elementId)`. */
  catalogElements: ReadonlyMap<string, CatalogElement>;
  /** The lead's card in Kommo; absent (no link column) for the demo account, which has no Kommo page. */
  leadUrl?: ((leadId: number) => string | null) | null;
};

export function catalogElementKey(catalogId: number | null, elementId: number): string {
  return `${catalogId ?? 'none'}:${elementId}`;
}

/** Excel number formats of the typed (XLSX) cells. */
export const XLSX_DATE_TIME = 'yyyy-mm-dd hh:mm';
export const XLSX_DATE = 'yyyy-mm-dd';
export const XLSX_DURATION = '[h]:mm';

export { accountWallClock, isoDateTime as csvDateTime, isoDate as csvDate };

/** Labor cost arrives in seconds: `2:05` (hours:minutes), which spreadsheets read as a duration. */
export function csvDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

const LIST_SEPARATOR = '; ';

/** A value item as text: a chained-list element by name (its catalog's elements), an unreadable one as the neutral mark. */
function itemText(item: CustomFieldValue['values'][number], elements?: ReadonlyMap<string, CatalogElement>): string {
  if (item.unreadable) return UNREADABLE_MARK;
  const chained = chainedElement(item);
  if (chained && item.value === undefined)
    return elements?.get(catalogElementKey(chained.catalogId, chained.elementId))?.name || `#${chained.elementId}`;
  return valueToText(item.value);
}

export function customFieldCell(
  value: CustomFieldValue | undefined,
  definition: CustomFieldDefinition | undefined,
  timeZone: string,
  labels: Pick<ExportLabels, 'yes' | 'no'>,
  elements?: ReadonlyMap<string, CatalogElement>,
): CsvCell {
  if (!value) return '';
  const type = value.field_type ?? definition?.type ?? 'text';
  const items = value.values;
  if (items.length === 0) return '';
  if (items.some((i) => i.unreadable)) return items.map((i) => itemText(i, elements)).join(LIST_SEPARATOR);
  switch (type) {
    case 'checkbox':
      return items.some((i) => i.value === true || i.value === 'true' || i.value === 1) ? labels.yes : labels.no;
    case 'numeric': {
      // Kommo sends numeric values as strings; a spreadsheet should get a number.
      const text = valueToText(items[0]?.value).trim();
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : text;
    }
    case 'date':
    case 'birthday':
      return items.map((i) => isoDate(valueToSeconds(i.value, timeZone), timeZone)).join(LIST_SEPARATOR);
    case 'date_time':
      return items.map((i) => isoDateTime(valueToSeconds(i.value, timeZone), timeZone)).join(LIST_SEPARATOR);
    case 'select':
    case 'radiobutton':
    case 'category':
    case 'multiselect':
      return items
        .map((i) =>
          typeof i.value === 'string' && i.value ? i.value : (definition?.enums.find((e) => e.id === i.enum_id)?.value ?? valueToText(i.value)),
        )
        .join(LIST_SEPARATOR);
    default:
      return items
        .map((i) => itemText(i, elements))
        .filter(Boolean)
        .join(LIST_SEPARATOR);
  }
}

function fieldValues(entity: Contact, code: string): string[] {
  const field = entity.custom_fields_values.find((f) => f.field_code === code);
  return field ? field.values.map((v) => valueToText(v.value)).filter(Boolean) : [];
}

/** `Ana Souza (+55 11 5555-0101, ana@example.com)`: the name with the phones and emails Kommo holds. */
export function contactText(contact: Contact | undefined, id: number): string {
  if (!contact) return `#${id}`;
  const name = entityName(contact) ?? `#${id}`;
  const details = [...fieldValues(contact, 'PHONE'), ...fieldValues(contact, 'EMAIL')];
  return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}

type Lookups = LeadLookups & { ref: ExportReference; labels: ExportLabels };

function userText(l: Lookups, id: number | null): string {
  if (id === null) return '';
  const user = l.users.get(id);
  if (!user) return `#${id}`;
  return user.rights?.is_active === false ? `${user.name} (${l.labels.inactive})` : user.name;
}

function mainContactText(l: Lookups, lead: Lead): string {
  const links = lead._embedded.contacts ?? [];
  const main = links.find((c) => c.is_main) ?? links[0];
  return main ? contactText(l.ref.contacts.get(main.id), main.id) : '';
}

function contactsText(l: Lookups, lead: Lead): string {
  const links = [...(lead._embedded.contacts ?? [])].sort((a, b) => Number(b.is_main) - Number(a.is_main));
  return links.map((c) => contactText(l.ref.contacts.get(c.id), c.id)).join(LIST_SEPARATOR);
}

function productsText(l: Lookups, lead: Lead): string {
  return (lead._embedded.catalog_elements ?? [])
    .map((e) => {
      const element = l.ref.catalogElements.get(catalogElementKey(e.catalog_id, e.id));
      const name = element?.name ?? `#${e.id}`;
      const catalog = e.catalog_id !== null ? l.catalogs.get(e.catalog_id)?.name : undefined;
      const label = catalog ? `${name} [${catalog}]` : name;
      const withQuantity = e.quantity !== null ? `${label} × ${e.quantity}` : label;
      // The catalog's unit price (its PRICE field, a decimal string), as a plain number a spreadsheet reads.
      const price = element ? productPrice(element) : null;
      return price !== null ? `${withQuantity} @ ${price}` : withQuantity;
    })
    .join(LIST_SEPARATOR);
}

function productPrice(element: CatalogElement): number | null {
  const raw = valueToText(element.custom_fields_values.find((f) => f.field_code === 'PRICE')?.values[0]?.value).trim();
  const n = Number(raw);
  return raw !== '' && Number.isFinite(n) ? n : null;
}

function lossReasonText(l: Lookups, lead: Lead): string {
  const embedded = lead._embedded.loss_reason?.[0];
  const id = lead.loss_reason_id ?? embedded?.id ?? null;
  if (id === null) return '';
  return l.lossReasons.get(id)?.name ?? (embedded?.id === id ? embedded.name : `#${id}`);
}

const VALUES: Record<BaseExportColumnId, (lead: Lead, l: Lookups) => CsvCell> = {
  name: (lead) => lead.name,
  id: (lead) => lead.id,
  price: (lead) => lead.price,
  stage: (lead, l) => {
    if (lead.pipeline_id === null || lead.status_id === null) return '';
    const stage = findStage(l, lead.pipeline_id, lead.status_id);
    // The stage alone: its pipeline has a column of its own (added beside it when not shown).
    return stage ? stage.status.name : `#${lead.status_id}`;
  },
  pipeline: (lead, l) => (lead.pipeline_id === null ? '' : (l.pipelines.get(lead.pipeline_id)?.name ?? `#${lead.pipeline_id}`)),
  responsible: (lead, l) => userText(l, lead.responsible_user_id),
  group: (lead, l) => (lead.group_id === null ? '' : (l.groups.get(lead.group_id)?.name ?? `#${lead.group_id}`)),
  created_at: (lead, l) => isoDateTime(lead.created_at, l.ref.timeZone),
  created_by: (lead, l) => userText(l, lead.created_by),
  updated_at: (lead, l) => isoDateTime(lead.updated_at, l.ref.timeZone),
  updated_by: (lead, l) => userText(l, lead.updated_by),
  closed_at: (lead, l) => isoDateTime(lead.closed_at, l.ref.timeZone),
  closest_task_at: (lead, l) => isoDateTime(lead.closest_task_at, l.ref.timeZone),
  tags: (lead) => lead._embedded.tags.map((t) => t.name).join(LIST_SEPARATOR),
  main_contact: (lead, l) => mainContactText(l, lead),
  contacts: (lead, l) => contactsText(l, lead),
  company: (lead, l) => {
    const link = lead._embedded.companies[0];
    if (!link) return '';
    const company = l.ref.companies.get(link.id);
    return (company && entityName(company)) || `#${link.id}`;
  },
  loss_reason: (lead, l) => lossReasonText(l, lead),
  products: (lead, l) => productsText(l, lead),
  // /sources lists only this integration's own sources: other ids can only be exported as ids.
  source: (lead, l) => (lead.source_id === null ? '' : (l.sources.get(lead.source_id)?.name ?? lead.source_id)),
  score: (lead) => lead.score,
  labor_cost: (lead) => csvDuration(lead.labor_cost),
  price_by_robot: (lead, l) => (lead.is_price_modified_by_robot === null ? '' : lead.is_price_modified_by_robot ? l.labels.yes : l.labels.no),
  kommo_link: (lead, l) => l.ref.leadUrl?.(lead.id) ?? '',
};

type TypedBase = { typed: (lead: Lead, l: Lookups) => TypedCell; numFmt: string };
const at = (pick: (lead: Lead) => number | null): TypedBase => ({
  typed: (lead, l) => accountWallClock(pick(lead), l.ref.timeZone),
  numFmt: XLSX_DATE_TIME,
});

/** XLSX only: the columns whose cells are dates or durations rather than the CSV's text. */
const TYPED: Partial<Record<BaseExportColumnId, TypedBase>> = {
  created_at: at((lead) => lead.created_at),
  updated_at: at((lead) => lead.updated_at),
  closed_at: at((lead) => lead.closed_at),
  closest_task_at: at((lead) => lead.closest_task_at),
  // Excel keeps durations as fractions of a day.
  labor_cost: {
    typed: (lead) => (lead.labor_cost === null || !Number.isFinite(lead.labor_cost) || lead.labor_cost < 0 ? null : lead.labor_cost / 86_400),
    numFmt: XLSX_DURATION,
  },
};

/** A custom field of type date or date_time with one value, as a date cell; several values stay text. */
function typedCustomField(field: CustomFieldDefinition, fieldId: number, timeZone: string): Pick<CsvColumn<Lead>, 'typed' | 'numFmt'> {
  const format = field.type === 'date_time' ? XLSX_DATE_TIME : field.type === 'date' || field.type === 'birthday' ? XLSX_DATE : null;
  if (format === null) return {};
  return {
    numFmt: format,
    typed: (lead) => {
      const items = lead.custom_fields_values.find((v) => v.field_id === fieldId)?.values ?? [];
      if (items.length !== 1)
        return items.length === 0
          ? null
          : items.map((i) => (format === XLSX_DATE ? isoDate : isoDateTime)(valueToSeconds(i.value, timeZone), timeZone)).join(LIST_SEPARATOR);
      return accountWallClock(valueToSeconds(items[0]?.value, timeZone), timeZone);
    },
  };
}

/** Columns holding a date and time: their header names the zone the values are written in. */
const ZONED_COLUMNS: ReadonlySet<string> = new Set(['created_at', 'updated_at', 'closed_at', 'closest_task_at']);

function isBaseId(id: string): id is BaseExportColumnId {
  return (BASE_EXPORT_COLUMN_IDS as readonly string[]).includes(id);
}

function buildLookups(ref: ExportReference, labels: ExportLabels): Lookups {
  return { ...buildLeadLookups(ref), ref, labels };
}

/**
 * The exported columns for the given column ids, in that order. Ids the export has no value for
 * (the table's expand toggle, a custom field that no longer exists) are left out.
 */
export function buildExportColumns(columnIds: readonly string[], ref: ExportReference, labels: ExportLabels): CsvColumn<Lead>[] {
  const l = buildLookups(ref, labels);
  const fields = l.customFieldsById;
  const columns: CsvColumn<Lead>[] = [];
  const seen = new Set<string>();
  const zoned = (header: string) => `${header} (${ref.timeZone})`;
  // Won (142) and lost (143) exist in every pipeline: a stage needs its pipeline beside it. The
  // link to the card closes every row where the account has a Kommo page.
  const ids = columnIds.flatMap((id) => (id === 'stage' && !columnIds.includes('pipeline') ? ['pipeline', 'stage'] : [id]));
  if (ref.leadUrl) ids.push('kommo_link');
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (isBaseId(id)) {
      if (id === 'kommo_link' && !ref.leadUrl) continue;
      const value = VALUES[id];
      const typed = TYPED[id];
      columns.push({
        id,
        header: ZONED_COLUMNS.has(id) ? zoned(labels.headers[id]) : labels.headers[id],
        value: (lead) => value(lead, l),
        ...(typed ? { typed: (lead: Lead) => typed.typed(lead, l), numFmt: typed.numFmt } : {}),
      });
      continue;
    }
    if (id.startsWith(CUSTOM_FIELD_COLUMN_PREFIX)) {
      const fieldId = Number(id.slice(CUSTOM_FIELD_COLUMN_PREFIX.length));
      const field = fields.get(fieldId);
      if (!field) continue;
      columns.push({
        id,
        header: field.type === 'date_time' ? zoned(field.name) : field.name,
        value: (lead) =>
          customFieldCell(
            lead.custom_fields_values.find((v) => v.field_id === fieldId),
            field,
            ref.timeZone,
            labels,
            ref.catalogElements,
          ),
        ...typedCustomField(field, fieldId, ref.timeZone),
      });
    }
  }
  return columns;
}

/** The ids of the entities the given leads refer to, for fetching their names before an export. */
export function referencedEntityIds(leads: readonly Lead[]): { contacts: number[]; companies: number[]; catalogElements: Map<number, number[]> } {
  const contacts = new Set<number>();
  const companies = new Set<number>();
  const elements = new Map<number, Set<number>>();
  for (const lead of leads) {
    for (const c of lead._embedded.contacts ?? []) contacts.add(c.id);
    for (const c of lead._embedded.companies) companies.add(c.id);
    for (const e of lead._embedded.catalog_elements ?? []) {
      if (e.catalog_id === null) continue;
      let set = elements.get(e.catalog_id);
      if (!set) {
        set = new Set();
        elements.set(e.catalog_id, set);
      }
      set.add(e.id);
    }
    // chained_list values name catalog elements too: fetched with the products, shown by name.
    for (const field of lead.custom_fields_values) {
      for (const item of field.values) {
        const chained = chainedElement(item);
        if (!chained) continue;
        let set = elements.get(chained.catalogId);
        if (!set) {
          set = new Set();
          elements.set(chained.catalogId, set);
        }
        set.add(chained.elementId);
      }
    }
  }
  return {
    contacts: [...contacts],
    companies: [...companies],
    catalogElements: new Map([...elements.entries()].map(([catalogId, ids]) => [catalogId, [...ids]])),
  };
}
