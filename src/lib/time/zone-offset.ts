// A time zone's offset from UTC at an instant, read from Intl (no date library in the first bundle):
// the one reading behind the account's day boundaries (account-time), Kommo's calendar-day values
// (kommo-dates) and the wall-clock dates of the exports (wall-clock).
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

// Offsets per zone and quarter hour: since 1970 every offset is whole quarter hours and changes on a
// quarter-hour boundary (St John's and Lord Howe change at :30 UTC), so one Intl call per distinct
// quarter hour replaces one per date (formatToParts is slow; an export holds hundreds of thousands
// of dates). Older instants (local mean time had odd seconds) are read one by one. Bounded.
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 100_000;
const QUARTER_HOUR_MS = 900_000;

function readOffsetMs(utcMs: number, zone: string): number {
  const at = Math.floor(utcMs / 1000) * 1000;
  const wall = wallClockMs(at, zone);
  return wall === null ? 0 : wall - at;
}

const DAY_MS = 86_400_000;
// Offsets per zone and UTC day, when the day begins and ends on the same offset (no change inside it:
// every day but the few a year a zone changes clocks). Two Intl readings then answer every date of
// that day: 20,000 leads' four dates each fall on far fewer days than quarter hours.
const dayCache = new Map<string, number | null>();

function steadyDayOffset(utcMs: number, zone: string): number | null {
  const day = Math.floor(utcMs / DAY_MS);
  const key = `${zone}|${day}`;
  let offset = dayCache.get(key);
  if (offset === undefined) {
    const start = quarterOffset(day * DAY_MS, zone);
    offset = quarterOffset((day + 1) * DAY_MS, zone) === start ? start : null;
    if (dayCache.size >= OFFSET_CACHE_LIMIT) dayCache.clear();
    dayCache.set(key, offset);
  }
  return offset;
}

/** The offset (ms) of `zone` from UTC at `utcMs` (São Paulo: -3 h); 0 for a zone Intl does not know. */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  if (!(utcMs >= 0)) return readOffsetMs(utcMs, zone);
  return steadyDayOffset(utcMs, zone) ?? quarterOffset(utcMs, zone);
}

function quarterOffset(utcMs: number, zone: string): number {
  const quarter = Math.floor(utcMs / QUARTER_HOUR_MS);
  const key = `${zone}|${quarter}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const offset = readOffsetMs(quarter * QUARTER_HOUR_MS, zone);
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}
