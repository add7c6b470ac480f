// Reading the raw `value` of a custom field value item, whatever its type: shared by the table's
// column definitions (src/lib/leads-list) and the demo; dates are read in src/lib/time/kommo-dates.
/** A readable text for any value, including the object-valued types (legal_entity, file, items...). */
export function valueToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(valueToText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['name', 'file_name', 'title', 'value']) {
      const v = record[key];
      if (typeof v === 'string' && v) return v;
    }
    return Object.values(record)
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .map(String)
      .join(', ');
  }
  return '';
}

/** What a cell shows for a value whose shape the app does not know: never the raw JSON. */
export const UNREADABLE_MARK = '…';

/** A `chained_list` item's element: `{catalog_id, catalog_element_id}`, no `value` (amocrm-api-php). */
export function chainedElement(item: {
  catalog_id?: number | null;
  catalog_element_id?: number | null;
}): { catalogId: number; elementId: number } | null {
  return typeof item.catalog_id === 'number' && typeof item.catalog_element_id === 'number'
    ? { catalogId: item.catalog_id, elementId: item.catalog_element_id }
    : null;
}

/** A contact's or company's own label: its name, else first and last name; null when all are empty. */
export function entityName(entity: { name?: string | null; first_name?: string | null; last_name?: string | null }): string | null {
  const name = entity.name?.trim();
  if (name) return name;
  const parts = [entity.first_name?.trim(), entity.last_name?.trim()].filter(Boolean).join(' ');
  return parts || null;
}
