// The lead columns the table shows and the export writes, in their default order: one registry
// both read, so a table column cannot lack an export value (the export's value map is keyed by
// these ids) and the list query knows which `with=` values the visible columns need.
import type { LeadWith } from '../../kommo/leads-query';
import type { CustomFieldDefinition } from '../../kommo/schemas';

export type LeadColumnSpec = {
  readonly id: string;
  /** The `with=` value(s) Kommo needs to return this column's data. */
  readonly needsWith?: LeadWith | readonly LeadWith[];
  /** Hidden until the user shows it, to keep the first screen readable. */
  readonly hiddenByDefault?: boolean;
};

export const LEAD_COLUMNS = [
  { id: 'name' },
  { id: 'id' },
  { id: 'price' },
  { id: 'stage' },
  { id: 'pipeline', hiddenByDefault: true },
  { id: 'responsible' },
  { id: 'group', hiddenByDefault: true },
  { id: 'created_at' },
  { id: 'created_by', hiddenByDefault: true },
  { id: 'updated_at' },
  { id: 'updated_by', hiddenByDefault: true },
  { id: 'closed_at' },
  { id: 'closest_task_at' },
  { id: 'tags' },
  { id: 'main_contact', needsWith: 'contacts' },
  { id: 'company' },
  { id: 'loss_reason', needsWith: 'loss_reason' },
  { id: 'products', needsWith: 'catalog_elements' },
  { id: 'source', needsWith: ['source_id', 'source'], hiddenByDefault: true },
  { id: 'score', hiddenByDefault: true },
  { id: 'labor_cost', hiddenByDefault: true },
  { id: 'price_by_robot', needsWith: 'is_price_modified_by_robot', hiddenByDefault: true },
] as const satisfies readonly LeadColumnSpec[];

export type LeadColumnId = (typeof LEAD_COLUMNS)[number]['id'];

export const LEAD_COLUMN_IDS: readonly LeadColumnId[] = LEAD_COLUMNS.map((c) => c.id);

/** The table's own first column (the ▶ toggle): not a lead field, never exported. */
export const EXPAND_COLUMN_ID = 'expand';

/** The column pinned first after the toggle, whatever the saved order. */
export const PINNED_COLUMN_ID: LeadColumnId = 'name';

/** Columns hidden until the user shows them, to keep the first screen readable. */
export const DEFAULT_HIDDEN_COLUMNS: readonly string[] = LEAD_COLUMNS.filter((c: LeadColumnSpec) => c.hiddenByDefault).map((c) => c.id);

/** A custom field's column is `cf_<field id>` in the table, the saved preferences and the export. */
export const CUSTOM_FIELD_COLUMN_PREFIX = 'cf_';

export function customFieldColumnId(fieldId: number): string {
  return `${CUSTOM_FIELD_COLUMN_PREFIX}${fieldId}`;
}

/** Custom fields shown by default; the rest wait in the column chooser (accounts have dozens). */
export const DEFAULT_VISIBLE_CUSTOM_FIELDS = 6;

/**
 * Hides every custom field but the default ones (the first few by sort, see `buildLeadReference`);
 * without `shown`, the first few of `fields`.
 */
export function defaultCustomFieldVisibility(fields: readonly CustomFieldDefinition[], shown?: ReadonlySet<number>): Record<string, boolean> {
  const visible = shown ?? new Set(fields.slice(0, DEFAULT_VISIBLE_CUSTOM_FIELDS).map((f) => f.id));
  return Object.fromEntries(fields.filter((f) => !visible.has(f.id)).map((f) => [customFieldColumnId(f.id), false]));
}

/** Custom fields in the account's order (sort, then id): the table's column order for them. */
export function sortCustomFields(fields: readonly CustomFieldDefinition[]): CustomFieldDefinition[] {
  return [...fields].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.id - b.id);
}

/** The `with=` values the visible fixed columns need (custom fields need none), so the list can be requested before custom fields arrive. */
export function visibleWithNeeds(visibility: Readonly<Record<string, boolean>>): LeadWith[] {
  const needs: LeadWith[] = [];
  for (const c of LEAD_COLUMNS as readonly LeadColumnSpec[])
    if (c.needsWith && visibility[c.id] !== false) needs.push(...(typeof c.needsWith === 'string' ? [c.needsWith] : c.needsWith));
  return needs;
}
