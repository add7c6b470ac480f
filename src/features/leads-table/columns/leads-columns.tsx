// The table's columns: one per column definition of src/lib/leads-list (the files' own left out),
// then one per lead custom field. What the table adds is drawing only: width, alignment, Kommo's
// own sort field, and a cell component for the columns drawn with more than text.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { OrderField } from '../../../kommo/leads-query';
import type { CustomFieldDefinition, Lead } from '../../../kommo/schemas';
import type { LeadColumnTexts } from '../../../lib/leads-list/lead-column-messages';
import {
  customFieldColumn,
  EXPAND_COLUMN_ID,
  LEAD_COLUMNS,
  type LeadColumnDefinition,
  type LeadColumnId,
} from '../../../lib/leads-list/lead-column-registry';
import { CustomFieldValue } from '../cells/custom-field-value';
import { MainContactCell, NameCell, StageCell, TagsCell, UserCell, ValueCell, type ColumnCellProps } from '../cells/lead-cells';
import { ExpandToggle } from '../cells/expand-toggle';
import type { LeadsTableFeatures } from '../leads-table-features';

const helper = createColumnHelper<LeadsTableFeatures, Lead>();

export type LeadColumnDef = ColumnDef<LeadsTableFeatures, Lead, unknown>;

type Drawing = {
  size: number;
  align?: 'end';
  /** Kommo can order the list by this column (server-side sorting). */
  sortField?: OrderField;
  /** Always shown (the pinned name). */
  alwaysShown?: boolean;
  Cell?: (props: ColumnCellProps) => React.ReactNode;
};

/** Every table column's drawing, keyed by its id: a new column without one does not compile. */
const DRAWING: Record<LeadColumnId, Drawing> = {
  name: { size: 260, alwaysShown: true, Cell: NameCell },
  id: { size: 100, align: 'end', sortField: 'id' },
  price: { size: 130, align: 'end' },
  stage: { size: 240, Cell: StageCell },
  pipeline: { size: 160 },
  responsible: { size: 180, Cell: ({ lead, column }) => <UserCell lead={lead} column={column} userId={lead.responsible_user_id} /> },
  group: { size: 140 },
  created_at: { size: 160, sortField: 'created_at' },
  created_by: { size: 170, Cell: ({ lead, column }) => <UserCell lead={lead} column={column} userId={lead.created_by} /> },
  updated_at: { size: 160, sortField: 'updated_at' },
  updated_by: { size: 170, Cell: ({ lead, column }) => <UserCell lead={lead} column={column} userId={lead.updated_by} /> },
  closed_at: { size: 160 },
  closest_task_at: { size: 160 },
  tags: { size: 200, Cell: TagsCell },
  main_contact: { size: 180, Cell: MainContactCell },
  company: { size: 180 },
  loss_reason: { size: 180 },
  products: { size: 240 },
  source: { size: 120 },
  score: { size: 90, align: 'end' },
  labor_cost: { size: 120, align: 'end' },
  price_by_robot: { size: 150 },
};

const EXPAND_COLUMN: LeadColumnDef = helper.display({
  id: EXPAND_COLUMN_ID,
  size: 44,
  enableResizing: false,
  enableHiding: false,
  meta: { labelKey: 'colExpand' },
  cell: ({ row }) => <ExpandToggle row={row} />,
});

function tableColumn(definition: LeadColumnDefinition, drawing: Drawing, label: string, render?: (lead: Lead) => React.ReactNode): LeadColumnDef {
  const Cell = drawing.Cell ?? ValueCell;
  return helper.display({
    id: definition.id,
    size: drawing.size,
    ...(drawing.alwaysShown ? { enableHiding: false } : {}),
    meta: { label, definition, align: drawing.align, sortField: drawing.sortField },
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
    .map((c) => tableColumn(c, DRAWING[c.id as LeadColumnId], 'key' in c.header ? columnText(c.header.key) : c.header.name));
  const fields = customFields.map((field) =>
    tableColumn(
      customFieldColumn(field),
      { size: field.type === 'textarea' || field.type === 'multiselect' ? 220 : 160, align: field.type === 'numeric' ? 'end' : undefined },
      field.name,
      (lead) => <CustomFieldCell lead={lead} field={field} />,
    ),
  );
  return [EXPAND_COLUMN, ...fixed, ...fields];
}
