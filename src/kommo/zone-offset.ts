// A timezone's offset from UTC at an instant, read from Intl (no date library in the first bundle):
// the one reading shared by Kommo's calendar-day values (custom-field-value-data) and the account's
// day boundaries (src/lib/url-state/account-time).
const formats = new Map<string, Intl.DateTimeFormat | null>();

function wallClockFormat(zone: string): Intl.DateTimeFormat | null {
  let format = formats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      // A zone this browser's Intl does not know.
      format = null;
    }
    formats.set(zone, format);
  }
  return format;
}

/** The wall clock in `zone` at an instant, read as if it were UTC (ms, whole seconds); null for an unknown zone. */
function wallClockMs(utcMs: number, zone: string): number | null {
  const format = wallClockFormat(zone);
  if (!format) return null;
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(utcMs))) p[part.type] = Number(part.value);
  return Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
}

/** The offset (ms) of `zone` from UTC at `utcMs` (São Paulo: -3 h); 0 for a zone Intl does not know. */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  const at = Math.floor(utcMs / 1000) * 1000;
  const wall = wallClockMs(at, zone);
  return wall === null ? 0 : wall - at;
}
