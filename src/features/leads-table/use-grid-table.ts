// TanStack Table over the leads in the list's order: the user's column choices, the pinned columns
// first, and which rows are open.
import { useTable, type ColumnPinningState, type ExpandedState, type Updater } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { EXPAND_COLUMN_ID, PINNED_COLUMN_ID } from '@/lib/leads-list/lead-column-registry';
import { columnLabel } from './columns/column-label';
import type { LeadColumnDef } from './columns/leads-columns';
import type { ColumnPreferencesState } from './columns/use-column-preferences';
import { leadsTableFeatures } from './leads-table-features';
import type { LeadsTableT } from './leads-table-messages';

const PINNING: ColumnPinningState = { start: [EXPAND_COLUMN_ID, PINNED_COLUMN_ID], end: [] };
const getRowId = (lead: Lead) => String(lead.id);
const canExpand = () => true;

export type GridTableInput = {
  columns: LeadColumnDef[];
  leads: Lead[];
  columnVisibility: Record<string, boolean>;
  prefs: ColumnPreferencesState;
  expanded: ExpandedState;
  setExpanded: (updater: Updater<ExpandedState>) => void;
  t: LeadsTableT;
};

export function useGridTable({ columns, leads, columnVisibility, prefs, expanded, setExpanded, t }: GridTableInput) {
  const table = useTable({
    features: leadsTableFeatures,
    columns,
    data: leads,
    getRowId,
    getRowCanExpand: canExpand,
    columnResizeMode: 'onChange',
    state: { columnVisibility, columnOrder: prefs.order, columnSizing: prefs.sizing, columnPinning: PINNING, expanded },
    onColumnVisibilityChange: prefs.setVisibility,
    onColumnOrderChange: prefs.setOrder,
    onColumnSizingChange: prefs.setSizing,
    onExpandedChange: setExpanded,
    autoResetExpanded: false,
  });
  const expandedIds = useMemo(
    () => new Set(expanded === true ? leads.map(getRowId) : Object.keys(expanded).filter((k) => expanded[k])),
    [expanded, leads],
  );
  const headers = table.getFlatHeaders().filter((h) => h.column.getIsVisible());
  const orderedHeaders = [...headers.filter((h) => h.column.getIsPinned() === 'start'), ...headers.filter((h) => !h.column.getIsPinned())];
  const layoutKey = orderedHeaders.map((h) => `${h.id}:${h.getSize()}`).join(',');
  const allColumns = table.getAllLeafColumns();
  const labelOf = useCallback(
    (id: string) => {
      const column = allColumns.find((c) => c.id === id);
      return column ? columnLabel(column, t) : id;
    },
    [allColumns, t],
  );
  return { table, expandedIds, orderedHeaders, layoutKey, allColumns, labelOf };
}
