// The export's column ids and header labels: all the "Export" buttons need before the first click.
// The writers (lead-export-columns and the CSV/XLSX code) are a chunk loaded on that click.
import { LEAD_COLUMN_IDS, type LeadColumnId } from '../../lib/leads-list/lead-column-registry';

/** Columns the export has beyond the table's: every contact (not only the main one), the link to the card. */
export const EXPORT_ONLY_COLUMN_IDS = ['contacts', 'kommo_link'] as const;
/** Every column of the registry (the table's), plus the export's own: VALUES must give each a value. */
export const BASE_EXPORT_COLUMN_IDS: readonly BaseExportColumnId[] = [...LEAD_COLUMN_IDS, ...EXPORT_ONLY_COLUMN_IDS];
export type BaseExportColumnId = LeadColumnId | (typeof EXPORT_ONLY_COLUMN_IDS)[number];

export type ExportLabels = {
  headers: Record<BaseExportColumnId, string>;
  yes: string;
  no: string;
  inactive: string;
};
