// Gathers what an export needs beyond the leads (reference data, and the contacts, companies and
// catalog elements of the visible columns, in batches of 250 ids), then writes the CSV or XLSX Blob.
import type { QueryClient } from '@tanstack/react-query';
import type { Lead } from '@/kommo/lead-schema';
import { fetchCatalogElementsByIds, fetchCompaniesByIds, fetchContactsByIds } from '@/lib/entities/entity-fetchers';
import type { KommoClient } from '@/lib/api/kommo-client';
import { fetchReferenceData } from '@/lib/reference-data/fetch-reference-data';
import { dateInZone } from '@/lib/time/account-time';
import { accountTimeZone } from '@/lib/reference-data/account-zone';
import { catalogElementKey } from '@/lib/leads-list/column-context';
import type { LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import { buildExportColumns, referencedEntityIds } from './lead-export-columns';
import { COMMA_DIALECT, leadsToCsvBlob, SEMICOLON_DIALECT, type CsvDialect } from './leads-to-csv';
import { accountDatePatterns } from '@/lib/time/account-date-format';
import { leadsToXlsxInWorker, type XlsxProgress } from './xlsx-in-worker';

export type ExportFormat = 'csv' | 'xlsx';

// Every name a column of the file may need, whichever columns are chosen.
const EXPORT_PARTS = ['account', 'pipelines', 'users', 'lossReasons', 'customFields', 'catalogs', 'sources'] as const;

export type ExportLeadsInput = {
  client: KommoClient;
  queryClient: QueryClient;
  leads: readonly Lead[];
  columnIds: readonly string[];
  /** The columns' words in the user's language (headers, yes/no), as the table says them. */
  columnText: LeadColumnTexts;
  signal: AbortSignal;
  /** CSV (the default) or XLSX; `sheetName` names the XLSX worksheet. */
  format?: ExportFormat;
  sheetName?: string;
  /** The lead's card in Kommo, for the link column; null for the demo account. */
  leadUrl?: ((leadId: number) => string | null) | null;
  /** The CSV's separator and decimal mark (the user's language: `;` and `,` in Spanish and Portuguese). */
  dialect?: CsvDialect;
  /** The XLSX worker's progress: rows written, then the zip. */
  onProgress?: (progress: XlsxProgress) => void;
};

export async function exportLeadsToCsv({
  client,
  queryClient,
  leads,
  columnIds,
  columnText,
  signal,
  format = 'csv',
  sheetName = 'Leads',
  leadUrl = null,
  dialect,
  onProgress,
}: ExportLeadsInput): Promise<Blob> {
  const { account, pipelines, users, lossReasons, customFields, catalogs, sources } = await fetchReferenceData(queryClient, client, EXPORT_PARTS);
  const wanted = new Set(columnIds);
  // Only the entities a visible column shows: the main contact alone needs one contact per lead.
  const mainOnly = wanted.has('main_contact') && !wanted.has('contacts');
  const refs = referencedEntityIds(
    mainOnly
      ? leads.map((l) => {
          const links = l._embedded.contacts ?? [];
          const main = links.find((c) => c.is_main) ?? links[0];
          return { ...l, _embedded: { ...l._embedded, contacts: main ? [main] : [] } };
        })
      : leads,
  );
  const needContacts = wanted.has('main_contact') || wanted.has('contacts');
  const [contacts, companies, elements] = await Promise.all([
    needContacts ? fetchContactsByIds(client, refs.contacts, signal) : Promise.resolve([]),
    wanted.has('company') ? fetchCompaniesByIds(client, refs.companies, signal) : Promise.resolve([]),
    wanted.has('products') || refs.catalogElements.size > 0
      ? Promise.all([...refs.catalogElements.entries()].map(([catalogId, ids]) => fetchCatalogElementsByIds(client, catalogId, ids, signal))).then(
          (all) => all.flat(),
        )
      : Promise.resolve([]),
  ]);
  const columns = buildExportColumns(
    columnIds,
    {
      timeZone: accountTimeZone(account),
      datePatterns: accountDatePatterns(account),
      pipelines,
      users: users.users,
      // The account's users_groups name every group, the main one (0) included.
      groups: [...users.groups, ...account.users_groups],
      lossReasons,
      customFields,
      catalogs,
      sources,
      contacts: new Map(contacts.map((c) => [c.id, c])),
      companies: new Map(companies.map((c) => [c.id, c])),
      catalogElements: new Map(elements.map((e) => [catalogElementKey(e.catalog_id, e.id), e])),
      leadUrl,
    },
    columnText,
  );
  if (format === 'csv') return leadsToCsvBlob(leads, columns, { signal, ...(dialect ? { dialect } : {}) });
  // ExcelJS builds and zips the workbook in a worker started on this click: the page never freezes.
  return leadsToXlsxInWorker(leads, columns, { signal, sheetName, ...(onProgress ? { onProgress } : {}) });
}

/** Spanish and Portuguese: `;` between cells and a decimal comma, as Excel set up for Spain or Brazil reads a CSV. */
export function csvDialect(language: string): CsvDialect {
  return language === 'es' || language === 'pt' ? SEMICOLON_DIALECT : COMMA_DIALECT;
}

/**
 * `leads-2024-03-05.csv` (or `.xlsx`), the day in the account's timezone (the calendar every date in
 * the file uses), or in the browser's own when the account's zone is unknown or unreadable.
 */
export function exportFileName(now: Date, format: ExportFormat = 'csv', timeZone?: string, viewName?: string | null): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const view = viewName ? fileNamePart(viewName) : '';
  return `leads-${view ? `${view}-` : ''}${dateInZone(Math.floor(now.getTime() / 1000), zone)}.${format}`;
}

/**
 * A view's name as part of a file name on every system: letters (accents kept), digits, `-` and `_`;
 * anything else (path separators, `:*?"<>|`, controls, dots) becomes one `-`; at most 60 characters.
 */
export function fileNamePart(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser reads the Blob after this click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
