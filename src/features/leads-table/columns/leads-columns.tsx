// The table's columns: one per column definition of src/lib/leads-list (the files' own left out),
// then one per lead custom field. What the table adds is drawing only: a cell component for the
// columns drawn with more than their text.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { CustomFieldDefinition } from '@/kommo/custom-field-schema';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import {
  customFieldColumn,
  EXPAND_COLUMN_ID,
  LEAD_COLUMNS,
  PINNED_COLUMN_ID,
  type LeadColumnDefinition,
  type LeadColumnId,
} from '@/lib/leads-list/lead-column-registry';
import { CustomFieldValue } from '@/features/leads-table/cells/custom-field-value';
import {
  AttentionCell,
  ClosestTaskCell,
  MainContactCell,
  NameCell,
  StageCell,
  TagsCell,
  UserCell,
  ValueCell,
  type ColumnCellProps,
} from '@/features/leads-table/cells/lead-cells';
import { ExpandToggle } from '@/features/leads-table/cells/expand-toggle';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';

const helper = createColumnHelper<LeadsTableFeatures, Lead>();
const DEFAULT_WIDTH = 160;

export type LeadColumnDef = ColumnDef<LeadsTableFeatures, Lead, unknown>;

type CellComponent = (props: ColumnCellProps) => React.ReactNode;

/** The columns drawn with more than their text; every other one is a ValueCell. */
const CELLS: Partial<Record<LeadColumnId, CellComponent>> = {
  name: NameCell,
  stage: StageCell,
  responsible: ({ lead, column }) => <UserCell lead={lead} column={column} userId={lead.responsible_user_id} />,
  created_by: ({ lead, column }) => <UserCell lead={lead} column={column} userId={lead.created_by} />,
  updated_by: ({ lead, column }) => <UserCell lead={lead} column={column} userId={lead.updated_by} />,
  tags: TagsCell,
  main_contact: MainContactCell,
  closest_task_at: ClosestTaskCell,
  attention: AttentionCell,
};

const EXPAND_COLUMN: LeadColumnDef = helper.display({
  id: EXPAND_COLUMN_ID,
  size: 44,
  enableResizing: false,
  enableHiding: false,
  meta: { labelKey: 'colExpand' },
  cell: ({ row }) => <ExpandToggle row={row} />,
});

function tableColumn(definition: LeadColumnDefinition, label: string, render?: (lead: Lead) => React.ReactNode): LeadColumnDef {
  const Cell = CELLS[definition.id as LeadColumnId] ?? ValueCell;
  return helper.display({
    id: definition.id,
    size: definition.table?.width ?? DEFAULT_WIDTH,
    ...(definition.id === PINNED_COLUMN_ID ? { enableHiding: false } : {}),
    meta: { label, definition, align: definition.table?.align, sortField: definition.table?.kommoOrder },
    cell: ({ row }) => (render ? render(row.original) : <Cell lead={row.original} column={definition} />),
  });
}

function CustomFieldCell({ lead, field }: { lead: Lead; field: CustomFieldDefinition }) {
  const value = lead.custom_fields_values.find((v) => v.field_id === field.id);
  if (!value) return null;
  return <CustomFieldValue value={value} definition={field} />;
}

/** The table's columns in their default order, headers in the user's language. */
export function buildLeadColumns(customFields: readonly CustomFieldDefinition[], columnText: LeadColumnTexts): LeadColumnDef[] {
  const fixed = (LEAD_COLUMNS as readonly LeadColumnDefinition[])
    .filter((c) => !c.fileOnly)
    .map((c) => tableColumn(c, 'key' in c.header ? columnText(c.header.key) : c.header.name));
  const fields = customFields.map((field) =>
    tableColumn(customFieldColumn(field), field.name, (lead) => <CustomFieldCell lead={lead} field={field} />),
  );
  return [EXPAND_COLUMN, ...fixed, ...fields];
}
