// The table's visible columns in its order, from the saved preferences: the export writes these.
// The table's own header order is pinned to this function by a test (leads-table.test.tsx).
import type { CustomFieldDefinition } from '@/kommo/custom-field-schema';
import type { ColumnPreferences } from './column-preferences';
import { customFieldColumnId, defaultCustomFieldVisibility, sortCustomFields } from './custom-field-columns';
import { LEAD_COLUMN_IDS, PINNED_COLUMN_ID } from './lead-column-registry';

/** Pinned name first, then the saved order, then the rest in their default order; hidden ones left out. */
export function visibleColumnIds(prefs: ColumnPreferences, customFields: readonly CustomFieldDefinition[]): string[] {
  const fields = sortCustomFields(customFields);
  const all: string[] = [...LEAD_COLUMN_IDS, ...fields.map((f) => customFieldColumnId(f.id))];
  const visibility = { ...defaultCustomFieldVisibility(fields), ...prefs.visibility };
  const ordered = [...prefs.order.filter((id) => all.includes(id)), ...all.filter((id) => !prefs.order.includes(id))];
  const rest = ordered.filter((id) => id !== PINNED_COLUMN_ID);
  return [PINNED_COLUMN_ID, ...rest].filter((id) => visibility[id] !== false);
}
