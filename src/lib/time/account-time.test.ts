import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utcPlugin from 'dayjs/plugin/utc';
import { describe, expect, it } from 'vitest';
import {
  formatAccountClock,
  calendarRangeToUnix,
  dateInZone,
  dayEndInZone,
  dayStartInZone,
  isCalendarDate,
  quickRangeDates,
  quickRangeUnix,
  safeTimezone,
  unixRangeToCalendar,
} from './account-time';

dayjs.extend(utcPlugin);
dayjs.extend(timezone);

const SP = 'America/Sao_Paulo';
const utc = (iso: string) => Date.parse(iso) / 1000;

describe('account time', () => {
  it('day boundaries are midnight in the account zone, not the browser or UTC', () => {
    expect(dayStartInZone('2025-06-02', SP)).toBe(utc('2025-06-02T03:00:00Z'));
    expect(dayEndInZone('2025-06-02', SP)).toBe(utc('2025-06-03T02:59:59Z'));
    expect(dayStartInZone('2025-06-02', 'Asia/Tokyo')).toBe(utc('2025-06-01T15:00:00Z'));
  });

  it('near midnight: 23:59 and 00:00 in the account zone fall on different days', () => {
    // 2025-06-02 23:59:59 in São Paulo is 2025-06-03 02:59:59Z: still the 2nd there.
    expect(dateInZone(utc('2025-06-03T02:59:59Z'), SP)).toBe('2025-06-02');
    expect(dateInZone(utc('2025-06-03T03:00:00Z'), SP)).toBe('2025-06-03');
    // "today" at 00:30 UTC is still yesterday in São Paulo.
    expect(quickRangeDates('today', utc('2025-06-03T00:30:00Z'), SP)).toEqual(['2025-06-02', '2025-06-02']);
    expect(quickRangeDates('today', utc('2025-06-03T00:30:00Z'), 'UTC')).toEqual(['2025-06-03', '2025-06-03']);
  });

  it('across a daylight saving change the day is 23 or 25 hours long', () => {
    // New York springs forward on 2025-03-09.
    const start = dayStartInZone('2025-03-09', 'America/New_York');
    const end = dayEndInZone('2025-03-09', 'America/New_York');
    expect(start).toBe(utc('2025-03-09T05:00:00Z'));
    expect(end - start + 1).toBe(23 * 3600);
  });

  it('round-trips picked dates through Unix seconds', () => {
    const range = calendarRangeToUnix(['2025-05-01', '2025-05-31'], SP);
    expect(range).toEqual({ from: utc('2025-05-01T03:00:00Z'), to: utc('2025-06-01T02:59:59Z') });
    expect(unixRangeToCalendar(range, SP)).toEqual(['2025-05-01', '2025-05-31']);
    expect(calendarRangeToUnix([null, '2025-05-31'], SP)).toEqual({ to: utc('2025-06-01T02:59:59Z') });
    expect(calendarRangeToUnix([null, null], SP)).toBeUndefined();
    expect(unixRangeToCalendar(undefined, SP)).toEqual([null, null]);
  });

  it('quick ranges, on Monday 2025-06-02 in São Paulo', () => {
    const now = utc('2025-06-02T15:00:00Z');
    expect(quickRangeDates('yesterday', now, SP)).toEqual(['2025-06-01', '2025-06-01']);
    expect(quickRangeDates('thisWeek', now, SP)).toEqual(['2025-06-02', '2025-06-08']);
    expect(quickRangeDates('last7Days', now, SP)).toEqual(['2025-05-27', '2025-06-02']);
    expect(quickRangeDates('thisMonth', now, SP)).toEqual(['2025-06-01', '2025-06-30']);
    expect(quickRangeDates('lastMonth', now, SP)).toEqual(['2025-05-01', '2025-05-31']);
    expect(quickRangeDates('thisQuarter', now, SP)).toEqual(['2025-04-01', '2025-06-30']);
    expect(quickRangeDates('thisWeek', utc('2025-06-08T20:00:00Z'), SP)).toEqual(['2025-06-02', '2025-06-08']);
    expect(quickRangeDates('lastMonth', utc('2025-01-15T12:00:00Z'), SP)).toEqual(['2024-12-01', '2024-12-31']);
    expect(quickRangeUnix('today', now, SP)).toEqual({ from: utc('2025-06-02T03:00:00Z'), to: utc('2025-06-03T02:59:59Z') });
  });

  it('an unknown zone falls back to UTC instead of throwing', () => {
    expect(safeTimezone('Mars/Olympus')).toBe('UTC');
    expect(safeTimezone(undefined)).toBe('UTC');
    expect(dayStartInZone('2025-06-02', 'Mars/Olympus')).toBe(utc('2025-06-02T00:00:00Z'));
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2025-02-28')).toBe(true);
    expect(isCalendarDate('2025-02-30')).toBe(false);
    expect(isCalendarDate('yesterday')).toBe(false);
  });

  it('a day whose midnight is skipped by daylight saving starts at the first hour that exists', () => {
    // São Paulo sprang forward at midnight on 2018-11-04: the day began at 01:00 (-02:00).
    expect(dayStartInZone('2018-11-04', SP)).toBe(utc('2018-11-04T03:00:00Z'));
    expect(dayEndInZone('2018-11-03', SP)).toBe(utc('2018-11-04T02:59:59Z'));
    expect(dateInZone(utc('2018-11-04T03:00:00Z'), SP)).toBe('2018-11-04');
  });

  // The boundaries Kommo is asked for are those dayjs computed (the first bundle dropped dayjs for
  // Intl), checked against dayjs's own wall clock in zones with odd offsets and changes at midnight:
  // every day of 2018-2026 next to an offset change of the zone, and the first of every month. Away
  // from a change a day is 24 hours at one offset, so those two kinds cover what the every-day sweep
  // did at a twentieth of the dayjs calls. One deliberate difference: where midnight happens twice
  // (Havana and Beirut fall back from 01:00 to 00:00), the day starts at the first one; dayjs took
  // the second, leaving the hour between them out of both days.
  it.each([
    'America/Sao_Paulo',
    'America/New_York',
    'America/Havana',
    'America/St_Johns',
    'Asia/Beirut',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kathmandu',
    'Asia/Tehran',
    'Europe/Lisbon',
  ])('every day starts at its first second, as dayjs has it, in %s', (zone) => {
    const wallDate = (seconds: number) => dayjs.unix(seconds).tz(zone).format('YYYY-MM-DD');
    const days = daysNextToOffsetChanges(zone, Date.UTC(2018, 0, 1), Date.UTC(2027, 0, 1));
    // The sweep finds the changes (Kathmandu has had none since 1986).
    expect(days.changes).toBeGreaterThanOrEqual(zone === 'Asia/Kathmandu' ? 0 : 2);
    for (const date of days.dates) {
      const start = dayStartInZone(date, zone);
      expect(wallDate(start), date).toBe(date);
      expect(wallDate(start - 1), date).not.toBe(date);
      expect(dateInZone(start, zone), date).toBe(date);
      expect(dateInZone(start - 1, zone), date).toBe(wallDate(start - 1));
      const before = dayjs.tz(date, zone).unix();
      if (wallDate(before - 1) !== date) expect(start, date).toBe(before);
    }
  });
});

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The calendar days from `fromMs` to `toMs` on either side of each offset change of `zone` (found by
 * reading Intl's offset every 6 hours; no zone changes twice within 6 hours), and the first of every month.
 */
function daysNextToOffsetChanges(zone: string, fromMs: number, toMs: number): { dates: string[]; changes: number } {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  const offset = (ms: number) => format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const dates = new Set<string>();
  let changes = 0;
  let previous = offset(fromMs);
  for (let ms = fromMs + 6 * HOUR_MS; ms < toMs; ms += 6 * HOUR_MS) {
    const current = offset(ms);
    if (current === previous) continue;
    changes++;
    previous = current;
    // The zone's calendar day is within a day of the UTC one: two days each side cover it.
    for (let d = -2; d <= 2; d++) if (ms + d * DAY_MS >= fromMs && ms + d * DAY_MS < toMs) dates.add(day(ms + d * DAY_MS));
  }
  for (let year = new Date(fromMs).getUTCFullYear(); Date.UTC(year, 0, 1) < toMs; year++)
    for (let month = 0; month < 12; month++) if (Date.UTC(year, month, 1) < toMs) dates.add(day(Date.UTC(year, month, 1)));
  return { dates: [...dates].sort(), changes };
}

describe('formatAccountClock', () => {
  it('reads the moment on the account’s clock, not the browser’s', () => {
    const at = Date.parse('2026-12-07T01:54:00Z');
    expect(formatAccountClock(at, 'en-GB', 'America/Sao_Paulo')).toBe('22:54');
    expect(formatAccountClock(at, 'en-GB', 'Asia/Tokyo')).toBe('10:54');
  });
});
