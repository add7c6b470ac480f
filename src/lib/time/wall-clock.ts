// Instants as the account's wall clock, for files: spreadsheets have no time zones, so a cell holds
// the time the account's users see in Kommo, and the header names the zone.
import { zoneOffsetMs } from './zone-offset';

const pad = (n: number) => String(n).padStart(2, '0');

function localDate(unixSeconds: number, timeZone: string): Date {
  // The wall-clock time in the zone, read back with the UTC getters.
  return new Date(unixSeconds * 1000 + zoneOffsetMs(unixSeconds * 1000, timeZone));
}

/** A Date whose UTC fields hold the wall-clock time in the zone (how ExcelJS writes a Date). */
export function accountWallClock(unixSeconds: number | null, timeZone: string): Date | null {
  if (unixSeconds === null || !Number.isFinite(unixSeconds)) return null;
  return localDate(unixSeconds, timeZone);
}

/** `2024-03-05 14:07` in the zone: sorts as text and every spreadsheet reads it as a date. */
export function isoDateTime(unixSeconds: number | null, timeZone: string): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds)) return '';
  const d = localDate(unixSeconds, timeZone);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `2024-03-05` in the zone (a Kommo `date` is midnight in the account's zone). */
export function isoDate(unixSeconds: number | null, timeZone: string): string {
  return isoDateTime(unixSeconds, timeZone).slice(0, 10);
}
