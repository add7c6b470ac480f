// Reading the raw `value` of a custom field value item, whatever its type: shared by the table's
// cells and the CSV export so both read Kommo's data the same way.
import { zoneOffsetMs } from './zone-offset';

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

/** Unix seconds of midnight of a calendar day in `timeZone` (the moment Kommo stores a `date` field as). */
export function zonedMidnightSeconds(year: number, month: number, day: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day);
  // Two passes: the offset at the guess can differ from the offset at the answer across a DST change.
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  guess = asUtc - zoneOffsetMs(guess, timeZone);
  return Math.floor(guess / 1000);
}

/**
 * Unix seconds from a date-typed value: Kommo sends numbers, numeric strings, or (rarely) text. A
 * date-only string (`"2020-05-08"`) is a calendar day: midnight of that day in the account's zone,
 * never UTC midnight (which shows the day before in the Americas).
 */
export function valueToSeconds(value: unknown, timeZone = 'UTC'): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim()) : null;
  if (day) return zonedMidnightSeconds(Number(day[1]), Number(day[2]), Number(day[3]), timeZone);
  if (typeof value === 'string' && value.trim()) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return null;
}

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
