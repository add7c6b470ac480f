// The peer a team would pick instead: AG Grid Community with its defaults (row and column
// virtualization, its Quartz theme), the same leads and the same columns, name pinned left.
import { AllCommunityModule, ModuleRegistry, type ColDef, type GetRowIdParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import type { Lead } from '../../src/kommo/lead-schema';
import { REFERENCE_ROW_HEIGHT } from './naive-mantine-table';
import type { ReferenceColumn } from './reference-columns';

ModuleRegistry.registerModules([AllCommunityModule]);

const getRowId = (params: GetRowIdParams<Lead>) => String(params.data.id);

export type AgGridLeadsProps = { leads: Lead[]; columns: readonly ReferenceColumn[]; onRendered: () => void };

export function AgGridLeads({ leads, columns, onRendered }: AgGridLeadsProps) {
  const columnDefs = useMemo(
    () =>
      columns.map((c): ColDef<Lead, string> => ({
        colId: c.id,
        headerName: c.header,
        width: c.width,
        pinned: c.id === 'name' ? 'left' : undefined,
        type: c.end ? 'rightAligned' : undefined,
        valueGetter: (params) => (params.data ? c.text(params.data) : ''),
      })),
    [columns],
  );
  return (
    <div style={{ height: '100vh' }}>
      <AgGridReact<Lead>
        rowData={leads}
        columnDefs={columnDefs}
        getRowId={getRowId}
        rowHeight={REFERENCE_ROW_HEIGHT}
        onFirstDataRendered={onRendered}
      />
    </div>
  );
}
