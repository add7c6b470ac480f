// Column definitions: every lead field of the seed, then one column per lead custom field.
// The fixed columns live at module scope; custom-field columns are derived once per field list.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { CustomFieldDefinition, Lead } from '../../kommo/schemas';
import { CustomFieldValue } from './custom-field-value';
import { DEFAULT_VISIBLE_CUSTOM_FIELDS } from './lead-reference';
import {
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
} from './lead-cells';
import { ExpandToggle } from './expand-toggle';
import { useLeadsTableContext } from './leads-table-context';
import type { LeadsTableFeatures } from './leads-table-features';

const helper = createColumnHelper<LeadsTableFeatures, Lead>();

export type LeadColumnDef = ColumnDef<LeadsTableFeatures, Lead, unknown>;

export const EXPAND_COLUMN_ID = 'expand';
export const CUSTOM_FIELD_PREFIX = 'cf_';

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
  helper.display({ id: 'id', size: 100, meta: { labelKey: 'colId', sortField: 'id', align: 'end' }, cell: ({ row }) => <span>{row.original.id}</span> }),
  helper.display({ id: 'price', size: 130, meta: { labelKey: 'colPrice', align: 'end' }, cell: ({ row }) => <PriceCell lead={row.original} /> }),
  helper.display({ id: 'stage', size: 240, meta: { labelKey: 'colStage' }, cell: ({ row }) => <StageCell lead={row.original} /> }),
  helper.display({ id: 'pipeline', size: 160, meta: { labelKey: 'colPipeline' }, cell: ({ row }) => <PipelineCell lead={row.original} /> }),
  helper.display({ id: 'responsible', size: 180, meta: { labelKey: 'colResponsible' }, cell: ({ row }) => <UserName userId={row.original.responsible_user_id} /> }),
  helper.display({ id: 'group', size: 140, meta: { labelKey: 'colGroup' }, cell: ({ row }) => <GroupCell lead={row.original} /> }),
  helper.display({ id: 'created_at', size: 160, meta: { labelKey: 'colCreatedAt', sortField: 'created_at' }, cell: ({ row }) => <DateTimeCell value={row.original.created_at} /> }),
  helper.display({ id: 'created_by', size: 170, meta: { labelKey: 'colCreatedBy' }, cell: ({ row }) => <UserName userId={row.original.created_by} /> }),
  helper.display({ id: 'updated_at', size: 160, meta: { labelKey: 'colUpdatedAt', sortField: 'updated_at' }, cell: ({ row }) => <DateTimeCell value={row.original.updated_at} /> }),
  helper.display({ id: 'updated_by', size: 170, meta: { labelKey: 'colUpdatedBy' }, cell: ({ row }) => <UserName userId={row.original.updated_by} /> }),
  helper.display({ id: 'closed_at', size: 160, meta: { labelKey: 'colClosedAt' }, cell: ({ row }) => <DateTimeCell value={row.original.closed_at} /> }),
  helper.display({ id: 'closest_task_at', size: 160, meta: { labelKey: 'colClosestTaskAt' }, cell: ({ row }) => <DateTimeCell value={row.original.closest_task_at} /> }),
  helper.display({ id: 'tags', size: 200, meta: { labelKey: 'colTags' }, cell: ({ row }) => <TagsCell lead={row.original} /> }),
  helper.display({ id: 'main_contact', size: 180, meta: { labelKey: 'colMainContact', needsWith: 'contacts' }, cell: ({ row }) => <MainContactCell lead={row.original} /> }),
  helper.display({ id: 'company', size: 180, meta: { labelKey: 'colCompany' }, cell: ({ row }) => <CompanyCell lead={row.original} /> }),
  helper.display({ id: 'loss_reason', size: 180, meta: { labelKey: 'colLossReason', needsWith: 'loss_reason' }, cell: ({ row }) => <LossReasonCell lead={row.original} /> }),
  helper.display({ id: 'products', size: 110, meta: { labelKey: 'colProducts', needsWith: 'catalog_elements', align: 'end' }, cell: ({ row }) => <ProductsCell lead={row.original} /> }),
  helper.display({ id: 'source', size: 120, meta: { labelKey: 'colSource', needsWith: ['source_id', 'source'] }, cell: ({ row }) => <SourceCell lead={row.original} /> }),
  helper.display({ id: 'score', size: 90, meta: { labelKey: 'colScore', align: 'end' }, cell: ({ row }) => <ScoreCell lead={row.original} /> }),
  helper.display({ id: 'labor_cost', size: 120, meta: { labelKey: 'colLaborCost', align: 'end' }, cell: ({ row }) => <LaborCostCell lead={row.original} /> }),
  helper.display({ id: 'price_by_robot', size: 150, meta: { labelKey: 'colPriceByRobot', needsWith: 'is_price_modified_by_robot' }, cell: ({ row }) => <PriceByRobotCell lead={row.original} /> }),
];

/** Columns hidden until the user shows them, to keep the first screen readable. */
export const DEFAULT_HIDDEN_COLUMNS: readonly string[] = ['pipeline', 'group', 'created_by', 'updated_by', 'source', 'price_by_robot', 'score', 'labor_cost'];

function CustomFieldCell({ lead, field }: { lead: Lead; field: CustomFieldDefinition }) {
  const { reference, locale, t } = useLeadsTableContext();
  const value = lead.custom_fields_values.find((v) => v.field_id === field.id);
  if (!value) return null;
  return <CustomFieldValue value={value} definition={field} timeZone={reference.timeZone} locale={locale} t={t} />;
}

export function customFieldColumnId(fieldId: number): string {
  return `${CUSTOM_FIELD_PREFIX}${fieldId}`;
}

/**
 * Hides every custom field but the default ones (the first few by sort, see `buildLeadReference`);
 * without `shown`, the first few of `fields`.
 */
export function defaultCustomFieldVisibility(fields: readonly CustomFieldDefinition[], shown?: ReadonlySet<number>): Record<string, boolean> {
  const visible = shown ?? new Set(fields.slice(0, DEFAULT_VISIBLE_CUSTOM_FIELDS).map((f) => f.id));
  return Object.fromEntries(fields.filter((f) => !visible.has(f.id)).map((f) => [customFieldColumnId(f.id), false]));
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
