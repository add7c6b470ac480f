import { useCallback, useMemo } from 'react';
import { NO_ENTITIES, type ColumnContext } from '@/lib/leads-list/column-context';
import { defaultCustomFieldVisibility } from '@/lib/leads-list/custom-field-columns';
import type { LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import type { LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import type { LeadReference } from '@/lib/reference-data/lead-reference';
import { buildLeadColumns, type LeadColumnDef } from './leads-columns';

export type GridColumns = {
  columns: LeadColumnDef[];
  definitionOf: (id: string) => LeadColumnDefinition | null;
  /** The browser sort's and the totals' context: every lead's value without the pages' contacts (those columns do not sort here). */
  sortContext: ColumnContext;
  /** The custom fields' default visibility under the user's own choices. */
  columnVisibility: Record<string, boolean>;
};

/** The table's columns for the account's custom fields, and the visibility the user chose. */
export function useGridColumns(reference: LeadReference, columnText: LeadColumnTexts, visibility: Record<string, boolean>): GridColumns {
  const columns = useMemo(() => buildLeadColumns(reference.customFields, columnText), [reference.customFields, columnText]);
  const definitionOf = useCallback(
    (id: string): LeadColumnDefinition | null => columns.find((c) => c.id === id)?.meta?.definition ?? null,
    [columns],
  );
  const sortContext = useMemo<ColumnContext>(() => ({ ref: reference, entities: NO_ENTITIES, text: columnText }), [reference, columnText]);
  const defaultVisibility = useMemo(
    () => defaultCustomFieldVisibility(reference.customFields, reference.defaultCustomFieldIds),
    [reference.customFields, reference.defaultCustomFieldIds],
  );
  const columnVisibility = useMemo(() => ({ ...defaultVisibility, ...visibility }), [defaultVisibility, visibility]);
  return { columns, definitionOf, sortContext, columnVisibility };
}
