// Kommo's date-typed custom field values as instants: numbers, numeric strings, RFC 3339 text, or a
// bare calendar day (`"2020-05-08"`, which the PHP SDK accepts), read in the account's zone.
import { zoneOffsetMs } from './zone-offset';

/** Unix seconds of midnight of a calendar day in `timeZone` (the moment Kommo stores a `date` field as). */
export function zonedMidnightSeconds(year: number, month: number, day: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day);
  // Two passes: the offset at the guess can differ from the offset at the answer across a DST change.
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  guess = asUtc - zoneOffsetMs(guess, timeZone);
  return Math.floor(guess / 1000);
}

/**
 * Unix seconds from a date-typed value. A date-only string is a calendar day: midnight of that day
 * in the account's zone, never UTC midnight (which is the day before in the Americas). The zone is
 * required: every reader (table, sort, CSV, XLSX) must read the same day.
 */
export function valueToSeconds(value: unknown, timeZone: string): number | null {
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
