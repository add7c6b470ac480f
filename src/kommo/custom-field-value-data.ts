// Reading the raw `value` of a custom field value item, whatever its type: shared by the table's
// cells and the CSV export so both read Kommo's data the same way.

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

/** Unix seconds from a date-typed value: Kommo sends numbers, numeric strings, or (rarely) ISO text. */
export function valueToSeconds(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  if (typeof value === 'string' && value.trim()) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return null;
}
