// Calendar days in the ACCOUNT's timezone (from /account datetime_settings.timezone), converted to
// the Unix seconds Kommo's date filters take. A user in Lisbon filtering "today" on a São Paulo
// account means São Paulo's today, as in Kommo's own UI. Calendar math is done on plain dates
// (YYYY-MM-DD, in UTC) so the browser's own zone never leaks in.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { DATE_FILTERS, type DatePreset, type DatePresets, type LeadsQuery, type Range } from '../../kommo/leads-query';

dayjs.extend(utc);
dayjs.extend(timezone);

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

export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && DATE_RE.test(value) && dayjs.utc(value).format('YYYY-MM-DD') === value;
}

/** The calendar date in `zone` at an instant (Unix seconds). */
export function dateInZone(unixSeconds: number, zone: string): CalendarDate {
  return dayjs.unix(unixSeconds).tz(safeTimezone(zone)).format('YYYY-MM-DD');
}

/** Unix seconds of midnight starting `date` in `zone`. */
export function dayStartInZone(date: CalendarDate, zone: string): number {
  return dayjs.tz(date, safeTimezone(zone)).unix();
}

/** Unix seconds of the last second of `date` in `zone` (Kommo's `to` bound is inclusive). */
export function dayEndInZone(date: CalendarDate, zone: string): number {
  return dayStartInZone(addDays(date, 1), zone) - 1;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
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
  const today = dayjs.utc(dateInZone(nowSeconds, zone));
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  switch (range) {
    case 'today':
      return [fmt(today), fmt(today)];
    case 'yesterday':
      return [fmt(today.subtract(1, 'day')), fmt(today.subtract(1, 'day'))];
    case 'thisWeek': {
      const monday = today.subtract((today.day() + 6) % 7, 'day');
      return [fmt(monday), fmt(monday.add(6, 'day'))];
    }
    case 'last7Days':
      return [fmt(today.subtract(6, 'day')), fmt(today)];
    case 'thisMonth':
      return [fmt(today.startOf('month')), fmt(today.endOf('month'))];
    case 'lastMonth': {
      const last = today.startOf('month').subtract(1, 'month');
      return [fmt(last), fmt(last.endOf('month'))];
    }
    case 'thisQuarter': {
      const start = today.startOf('month').subtract(today.month() % 3, 'month');
      return [fmt(start), fmt(start.add(2, 'month').endOf('month'))];
    }
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
