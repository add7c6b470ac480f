// The exported columns: the table's visible ones in their order, plus the files' own (every contact,
// the link to the card). Each cell is the column definition's value (src/lib/leads-list), written
// as CSV text or a typed XLSX cell: the file says what the table says.
import type { Group } from '@/kommo/account-schema';
import type { Catalog, CatalogElement } from '@/kommo/catalog-schema';
import type { Company, Contact } from '@/kommo/contact-schema';
import type { CustomFieldDefinition } from '@/kommo/custom-field-schema';
import type { Lead } from '@/kommo/lead-schema';
import type { LossReason } from '@/kommo/loss-reason-schema';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { Source } from '@/kommo/source-schema';
import type { User } from '@/kommo/user-schema';
import { chainedElement } from '@/kommo/custom-field-value-data';
import type { ColumnContext } from '@/lib/leads-list/column-context';
import { csvValue, xlsxValue } from '@/lib/leads-list/column-value';
import type { LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import { columnDefinition, EXPAND_COLUMN_ID, XLSX_DATE, XLSX_DATE_TIME, type LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import { excelNumberFormat, type AccountDatePatterns } from '@/lib/time/account-date-format';
import { buildLeadLookups } from '@/lib/reference-data/lead-reference';
import type { CsvColumn } from './leads-to-csv';

export type ExportReference = {
  /** An IANA zone Intl accepts (the account's, src/lib/time). */
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
  /** The account's own date formats: CSV dates are written in them, XLSX dates shown in them. */
  datePatterns?: AccountDatePatterns;
  /** The lead's card in Kommo; absent (no link column) for the demo account, which has no Kommo page. */
  leadUrl?: ((leadId: number) => string | null) | null;
  /** The instant the file's days overdue and days without a change are counted at (ms); default: when the columns are built. */
  nowMs?: number;
};

/** Excel's format for a date column: the account's own pattern when it has one. */
function accountNumberFormat(format: string, patterns: AccountDatePatterns | undefined): string {
  if (format === XLSX_DATE_TIME && patterns?.dateTime) return excelNumberFormat(patterns.dateTime);
  if (format === XLSX_DATE && patterns?.date) return excelNumberFormat(patterns.date);
  return format;
}

/** The files' header: the column's label, the zone its times are in, its unit. */
function header(definition: LeadColumnDefinition, text: LeadColumnTexts, timeZone: string): string {
  const label = 'key' in definition.header ? text(definition.header.key) : definition.header.name;
  const zone = definition.zoned ? ` (${timeZone})` : '';
  const unit = definition.fileUnit ? ` (${definition.fileUnit})` : '';
  return `${label}${zone}${unit}`;
}

/**
 * The exported columns for the given column ids, in that order. Ids without a definition (the
 * table's expand toggle, a custom field that no longer exists) are left out.
 */
export function buildExportColumns(columnIds: readonly string[], ref: ExportReference, text: LeadColumnTexts): CsvColumn<Lead>[] {
  const lookups = buildLeadLookups(ref);
  const ctx: ColumnContext = {
    ref: { ...lookups, timeZone: ref.timeZone },
    entities: { contacts: ref.contacts, companies: ref.companies, catalogElements: ref.catalogElements },
    text,
    leadUrl: ref.leadUrl ?? null,
    // One instant for every row of the file, so two leads due at the same time read alike.
    nowMs: ref.nowMs ?? Date.now(),
  };
  // Won (142) and lost (143) exist in every pipeline: a stage needs its pipeline beside it. The
  // link to the card closes every row where the account has a Kommo page.
  // The main contact's name is followed by its phone and e-mail, each in a column of its own.
  const ids = columnIds.flatMap((id) =>
    id === 'stage' && !columnIds.includes('pipeline')
      ? ['pipeline', 'stage']
      : id === 'main_contact'
        ? ['main_contact', 'main_contact_phone', 'main_contact_email']
        : [id],
  );
  if (ref.leadUrl) ids.push('kommo_link');
  const columns: CsvColumn<Lead>[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id) || id === EXPAND_COLUMN_ID) continue;
    seen.add(id);
    if (id === 'kommo_link' && !ref.leadUrl) continue;
    const definition = columnDefinition(id, lookups.customFieldsById);
    if (!definition) continue;
    columns.push({
      id,
      header: header(definition, text, ref.timeZone),
      value: (lead) => csvValue(definition.value(lead, ctx), ref.timeZone, ref.datePatterns),
      typed: (lead) => xlsxValue(definition.value(lead, ctx), ref.timeZone),
      ...(definition.xlsxFormat ? { numFmt: accountNumberFormat(definition.xlsxFormat, ref.datePatterns) } : {}),
    });
  }
  return columns;
}

/** The ids of the entities the given leads refer to, for fetching their names before an export. */
export function referencedEntityIds(leads: readonly Lead[]): { contacts: number[]; companies: number[]; catalogElements: Map<number, number[]> } {
  const contacts = new Set<number>();
  const companies = new Set<number>();
  const elements = new Map<number, Set<number>>();
  const addElement = (catalogId: number, id: number) => {
    let set = elements.get(catalogId);
    if (!set) elements.set(catalogId, (set = new Set()));
    set.add(id);
  };
  for (const lead of leads) {
    for (const c of lead._embedded.contacts ?? []) contacts.add(c.id);
    for (const c of lead._embedded.companies) companies.add(c.id);
    for (const e of lead._embedded.catalog_elements ?? []) if (e.catalog_id !== null) addElement(e.catalog_id, e.id);
    // chained_list values name catalog elements too: fetched with the products, shown by name.
    for (const field of lead.custom_fields_values) {
      for (const item of field.values) {
        const chained = chainedElement(item);
        if (chained) addElement(chained.catalogId, chained.elementId);
      }
    }
  }
  return {
    contacts: [...contacts],
    companies: [...companies],
    catalogElements: new Map([...elements.entries()].map(([catalogId, ids]) => [catalogId, [...ids]])),
  };
}
