// Custom fields as columns: their ids (`cf_<field id>` in the table, the saved preferences and the
// export), their order, and which are shown before the user picks.
import type { CustomFieldDefinition } from '@/kommo/custom-field-schema';

export const CUSTOM_FIELD_COLUMN_PREFIX = 'cf_';

export function customFieldColumnId(fieldId: number): string {
  return `${CUSTOM_FIELD_COLUMN_PREFIX}${fieldId}`;
}

/** The field id of a `cf_<id>` column, or null for any other column. */
export function customFieldIdOf(columnId: string): number | null {
  if (!columnId.startsWith(CUSTOM_FIELD_COLUMN_PREFIX)) return null;
  const id = Number(columnId.slice(CUSTOM_FIELD_COLUMN_PREFIX.length));
  return Number.isInteger(id) ? id : null;
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
