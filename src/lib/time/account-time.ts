// Calendar days in the ACCOUNT's timezone (from /account datetime_settings.timezone), converted to
// the Unix seconds Kommo's date filters take. A user in Lisbon filtering "today" on a São Paulo
// account means São Paulo's today, as in Kommo's own UI. Calendar math is done on plain dates
// (YYYY-MM-DD, in UTC) so the browser's own zone never leaks in. Intl's time zone data does the
// zone work: no date library in the first bundle (the filter chips and built-in views run this).
import { DATE_FILTERS, type DatePreset, type DatePresets, type LeadsQuery, type Range } from '@/kommo/leads-query';
import { zoneOffsetMs } from './zone-offset';
import { formatPattern } from './account-date-format';

/** A calendar date, `YYYY-MM-DD` (the value Mantine's date pickers hold). */
export type CalendarDate = string;
export type CalendarRange = [CalendarDate | null, CalendarDate | null];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const zoneCache = new Map<string, boolean>();

/** The zone when the runtime knows it, else UTC: a bad zone name from upstream must not throw. */
export function safeTimezone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    zoneCache.set(zone, ok);
  }
  return ok ? zone : 'UTC';
}

const DAY_MS = 86_400_000;

/** Milliseconds of a calendar date's midnight read as UTC (NaN when not a date). */
function utcMidnight(date: CalendarDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function formatUtcDate(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The zone's offset from UTC at an instant, in milliseconds (São Paulo: -3 h). */
const offsetMs = zoneOffsetMs;

/**
 * The instant a wall-clock time in `zone` names: guess with the offset there, correct once. A time
 * skipped by a daylight saving change (midnight in some zones) becomes the first instant after the
 * gap, as dayjs and Luxon do.
 */
function wallClockToUtcMs(wall: number, zone: string): number {
  const o0 = offsetMs(wall, zone);
  let guess = wall - o0;
  const o2 = offsetMs(guess, zone);
  if (o0 === o2) return guess;
  guess -= o2 - o0;
  const o3 = offsetMs(guess, zone);
  if (o2 === o3) return guess;
  return wall - Math.min(o2, o3);
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !DATE_RE.test(value)) return false;
  const ms = utcMidnight(value);
  return Number.isFinite(ms) && formatUtcDate(ms) === value;
}

/** The calendar date in `zone` at an instant (Unix seconds). */
export function dateInZone(unixSeconds: number, zone: string): CalendarDate {
  const ms = unixSeconds * 1000;
  return formatUtcDate(ms + zoneOffsetMs(ms, safeTimezone(zone)));
}

/** Unix seconds of midnight starting `date` in `zone`. */
export function dayStartInZone(date: CalendarDate, zone: string): number {
  return Math.floor(wallClockToUtcMs(utcMidnight(date), safeTimezone(zone)) / 1000);
}

/** Unix seconds of the last second of `date` in `zone` (Kommo's `to` bound is inclusive). */
export function dayEndInZone(date: CalendarDate, zone: string): number {
  return dayStartInZone(addDays(date, 1), zone) - 1;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return formatUtcDate(utcMidnight(date) + days * DAY_MS);
}

/** A picked date range as a Kommo filter range: from the first day's midnight to the last day's end. */
export function calendarRangeToUnix(range: CalendarRange, zone: string): Range | undefined {
  const [from, to] = range;
  const out: Range = {};
  if (from && isCalendarDate(from)) out.from = dayStartInZone(from, zone);
  if (to && isCalendarDate(to)) out.to = dayEndInZone(to, zone);
  return out.from === undefined && out.to === undefined ? undefined : out;
}

/** A Kommo filter range shown as calendar dates in the account's zone. */
export function unixRangeToCalendar(range: Range | undefined, zone: string): CalendarRange {
  return [range?.from !== undefined ? dateInZone(range.from, zone) : null, range?.to !== undefined ? dateInZone(range.to, zone) : null];
}

export const QUICK_RANGES = [
  'today',
  'yesterday',
  'thisWeek',
  'last7Days',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
] as const satisfies readonly DatePreset[];
export type QuickRange = (typeof QUICK_RANGES)[number];

/** Calendar dates of a quick range, for the account's "now"; weeks start on Monday (ISO). */
export function quickRangeDates(range: QuickRange, nowSeconds: number, zone: string): [CalendarDate, CalendarDate] {
  const today = dateInZone(nowSeconds, zone);
  const day = new Date(utcMidnight(today));
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  // Date.UTC carries over: month -1 is last December, day 0 the previous month's last day.
  const monthDays = (first: number, count: number): [CalendarDate, CalendarDate] => [
    formatUtcDate(Date.UTC(year, first, 1)),
    formatUtcDate(Date.UTC(year, first + count, 0)),
  ];
  switch (range) {
    case 'today':
      return [today, today];
    case 'yesterday':
      return [addDays(today, -1), addDays(today, -1)];
    case 'thisWeek': {
      const monday = addDays(today, -((day.getUTCDay() + 6) % 7));
      return [monday, addDays(monday, 6)];
    }
    case 'last7Days':
      return [addDays(today, -6), today];
    case 'thisMonth':
      return monthDays(month, 1);
    case 'lastMonth':
      return monthDays(month - 1, 1);
    case 'thisQuarter':
      return monthDays(month - (month % 3), 3);
  }
}

/** A quick range as a Kommo filter range in the account's zone. */
export function quickRangeUnix(range: QuickRange, nowSeconds: number, zone: string): Range {
  const [from, to] = quickRangeDates(range, nowSeconds, zone);
  return { from: dayStartInZone(from, zone), to: dayEndInZone(to, zone) };
}

/** A rolling preset's range at an instant: a quick range in the account's zone, or "before now". */
export function datePresetRange(preset: DatePreset, nowSeconds: number, zone: string): Range {
  return preset === 'beforeNow' ? { to: nowSeconds } : quickRangeUnix(preset, nowSeconds, zone);
}

/** A rolling preset as the calendar days the form shows ("before now" has no first day). */
export function datePresetCalendar(preset: DatePreset, nowSeconds: number, zone: string): CalendarRange {
  return preset === 'beforeNow' ? [null, dateInZone(nowSeconds, zone)] : quickRangeDates(preset, nowSeconds, zone);
}

/** True when resolving needs the account's zone (every preset but "before now" is made of days). */
export function presetsNeedZone(dates: DatePresets | undefined): boolean {
  return Object.values(dates ?? {}).some((p) => p !== undefined && p !== 'beforeNow');
}

/** The query Kommo is asked: each rolling preset becomes the `filter[field]` range it means at `nowSeconds`. */
export function resolveDatePresets<Q extends LeadsQuery>(q: Q, nowSeconds: number, zone: string): Q {
  if (!q.dates) return q;
  const { dates, ...rest } = q;
  const filter = { ...(q.filter ?? {}) };
  for (const field of DATE_FILTERS) {
    const preset = dates[field];
    if (preset) filter[field] = datePresetRange(preset, nowSeconds, zone);
  }
  // Only `dates` and `filter` change: a view stays a view (no paging appears).
  return (Object.keys(filter).length ? { ...rest, filter } : rest) as Q;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * A moment's hour and minute on the account's clock ("as of 12:03"), like every other time the app
 * shows; in the account's own time pattern when it has one (`accountTimePattern`: "H:i", "g:i A").
 */
export function formatAccountClock(ms: number, locale: string, timeZone: string, pattern?: string | null): string {
  if (pattern) return formatPattern(pattern, Math.floor(ms / 1000), safeTimezone(timeZone), locale);
  // One formatter a language and zone: the status line and each task cell ask on every render.
  const key = `${locale}|${timeZone}`;
  const format = clockFormats.get(key) ?? new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: safeTimezone(timeZone) });
  clockFormats.set(key, format);
  return format.format(ms);
}
