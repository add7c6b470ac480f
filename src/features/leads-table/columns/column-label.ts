import type { Column } from '@tanstack/react-table';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';

/** The header text of a column: a catalogue entry, or the custom field's CRM name. */
export function columnLabel(column: Column<LeadsTableFeatures, Lead, unknown>, t: LeadsTableT): string {
  const meta = column.columnDef.meta;
  if (meta?.labelKey) return t(meta.labelKey);
  return meta?.label ?? column.id;
}
