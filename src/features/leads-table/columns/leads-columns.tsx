// Column definitions: every lead field of the seed, then one column per lead custom field.
// The fixed columns live at module scope; custom-field columns are derived once per field list.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { CustomFieldDefinition, Lead } from '../../../kommo/schemas';
import { customFieldColumnId, EXPAND_COLUMN_ID } from '../../../lib/leads-list/lead-column-registry';
import { CustomFieldValue } from '../cells/custom-field-value';
import {
  ClosestTaskCell,
  CompanyCell,
  DateTimeCell,
  GroupCell,
  LaborCostCell,
  LossReasonCell,
  MainContactCell,
  NameCell,
  PipelineCell,
  PriceByRobotCell,
  PriceCell,
  ProductsCell,
  ScoreCell,
  SourceCell,
  StageCell,
  TagsCell,
  UserName,
} from '../cells/lead-cells';
import { ExpandToggle } from '../cells/expand-toggle';
import { useLeadsTableContext } from '../leads-table-context';
import type { LeadsTableFeatures } from '../leads-table-features';

const helper = createColumnHelper<LeadsTableFeatures, Lead>();

export type LeadColumnDef = ColumnDef<LeadsTableFeatures, Lead, unknown>;

export const BASE_COLUMNS: LeadColumnDef[] = [
  helper.display({
    id: EXPAND_COLUMN_ID,
    size: 44,
    enableResizing: false,
    enableHiding: false,
    meta: { labelKey: 'colExpand' },
    cell: ({ row }) => <ExpandToggle row={row} />,
  }),
  helper.display({ id: 'name', size: 260, enableHiding: false, meta: { labelKey: 'colName' }, cell: ({ row }) => <NameCell lead={row.original} /> }),
  helper.display({
    id: 'id',
    size: 100,
    meta: { labelKey: 'colId', sortField: 'id', align: 'end' },
    cell: ({ row }) => row.original.id,
  }),
  helper.display({ id: 'price', size: 130, meta: { labelKey: 'colPrice', align: 'end' }, cell: ({ row }) => <PriceCell lead={row.original} /> }),
  helper.display({ id: 'stage', size: 240, meta: { labelKey: 'colStage' }, cell: ({ row }) => <StageCell lead={row.original} /> }),
  helper.display({ id: 'pipeline', size: 160, meta: { labelKey: 'colPipeline' }, cell: ({ row }) => <PipelineCell lead={row.original} /> }),
  helper.display({
    id: 'responsible',
    size: 180,
    meta: { labelKey: 'colResponsible' },
    cell: ({ row }) => <UserName userId={row.original.responsible_user_id} />,
  }),
  helper.display({ id: 'group', size: 140, meta: { labelKey: 'colGroup' }, cell: ({ row }) => <GroupCell lead={row.original} /> }),
  helper.display({
    id: 'created_at',
    size: 160,
    meta: { labelKey: 'colCreatedAt', sortField: 'created_at' },
    cell: ({ row }) => <DateTimeCell value={row.original.created_at} />,
  }),
  helper.display({
    id: 'created_by',
    size: 170,
    meta: { labelKey: 'colCreatedBy' },
    cell: ({ row }) => <UserName userId={row.original.created_by} />,
  }),
  helper.display({
    id: 'updated_at',
    size: 160,
    meta: { labelKey: 'colUpdatedAt', sortField: 'updated_at' },
    cell: ({ row }) => <DateTimeCell value={row.original.updated_at} />,
  }),
  helper.display({
    id: 'updated_by',
    size: 170,
    meta: { labelKey: 'colUpdatedBy' },
    cell: ({ row }) => <UserName userId={row.original.updated_by} />,
  }),
  helper.display({
    id: 'closed_at',
    size: 160,
    meta: { labelKey: 'colClosedAt' },
    cell: ({ row }) => <DateTimeCell value={row.original.closed_at} />,
  }),
  helper.display({
    id: 'closest_task_at',
    // Room for "· 12 days overdue" after the date.
    size: 250,
    meta: { labelKey: 'colClosestTaskAt' },
    cell: ({ row }) => <ClosestTaskCell lead={row.original} />,
  }),
  helper.display({ id: 'tags', size: 200, meta: { labelKey: 'colTags' }, cell: ({ row }) => <TagsCell lead={row.original} /> }),
  helper.display({ id: 'main_contact', size: 180, meta: { labelKey: 'colMainContact' }, cell: ({ row }) => <MainContactCell lead={row.original} /> }),
  helper.display({ id: 'company', size: 180, meta: { labelKey: 'colCompany' }, cell: ({ row }) => <CompanyCell lead={row.original} /> }),
  helper.display({ id: 'loss_reason', size: 180, meta: { labelKey: 'colLossReason' }, cell: ({ row }) => <LossReasonCell lead={row.original} /> }),
  helper.display({
    id: 'products',
    size: 110,
    meta: { labelKey: 'colProducts', align: 'end' },
    cell: ({ row }) => <ProductsCell lead={row.original} />,
  }),
  helper.display({ id: 'source', size: 120, meta: { labelKey: 'colSource' }, cell: ({ row }) => <SourceCell lead={row.original} /> }),
  helper.display({ id: 'score', size: 90, meta: { labelKey: 'colScore', align: 'end' }, cell: ({ row }) => <ScoreCell lead={row.original} /> }),
  helper.display({
    id: 'labor_cost',
    size: 120,
    meta: { labelKey: 'colLaborCost', align: 'end' },
    cell: ({ row }) => <LaborCostCell lead={row.original} />,
  }),
  helper.display({
    id: 'price_by_robot',
    size: 150,
    meta: { labelKey: 'colPriceByRobot' },
    cell: ({ row }) => <PriceByRobotCell lead={row.original} />,
  }),
];

function CustomFieldCell({ lead, field }: { lead: Lead; field: CustomFieldDefinition }) {
  const { reference, locale, t } = useLeadsTableContext();
  const value = lead.custom_fields_values.find((v) => v.field_id === field.id);
  if (!value) return null;
  return <CustomFieldValue value={value} definition={field} timeZone={reference.timeZone} locale={locale} t={t} />;
}

export function buildCustomFieldColumns(fields: readonly CustomFieldDefinition[]): LeadColumnDef[] {
  return fields.map((field) =>
    helper.display({
      id: customFieldColumnId(field.id),
      size: field.type === 'textarea' || field.type === 'multiselect' ? 220 : 160,
      meta: { label: field.name, align: field.type === 'numeric' ? 'end' : undefined },
      cell: ({ row }) => <CustomFieldCell lead={row.original} field={field} />,
    }),
  );
}
