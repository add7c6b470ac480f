import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hoursMinutes } from '@/lib/leads-list/column-value';
import { isoDate as csvDate, isoDateTime as csvDateTime } from './wall-clock';

// 2024-03-05 02:30 UTC is still 2024-03-04 23:30 in São Paulo (UTC-3).
const NEAR_MIDNIGHT = Date.UTC(2024, 2, 5, 2, 30) / 1000;

describe('dates and durations', () => {
  it('formats in the account timezone, not UTC or the machine zone', () => {
    expect(csvDateTime(NEAR_MIDNIGHT, 'America/Sao_Paulo')).toBe('2024-03-04 23:30');
    expect(csvDateTime(NEAR_MIDNIGHT, 'UTC')).toBe('2024-03-05 02:30');
    expect(csvDate(NEAR_MIDNIGHT, 'Asia/Tokyo')).toBe('2024-03-05');
    expect(csvDateTime(Date.UTC(2024, 0, 1, 0, 0) / 1000, 'UTC')).toBe('2024-01-01 00:00');
    expect(csvDateTime(null, 'UTC')).toBe('');
  });

  it('agrees with Intl for any instant in zones with DST, half-hour and quarter-hour offsets', () => {
    const zones = ['America/Sao_Paulo', 'America/St_Johns', 'Australia/Lord_Howe', 'Europe/Berlin', 'Asia/Kathmandu', 'America/New_York', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.constantFrom(...zones), (unix, zone) => {
        const p = Object.fromEntries(
          new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          })
            .formatToParts(new Date(unix * 1000))
            .map((x) => [x.type, x.value]),
        );
        expect(csvDateTime(unix, zone)).toBe(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`);
      }),
      { numRuns: 3000 },
    );
    // Around New York's spring-forward (2024-03-10 07:00 UTC) and St John's (05:30 UTC).
    expect(csvDateTime(Date.UTC(2024, 2, 10, 6, 59) / 1000, 'America/New_York')).toBe('2024-03-10 01:59');
    expect(csvDateTime(Date.UTC(2024, 2, 10, 7, 0) / 1000, 'America/New_York')).toBe('2024-03-10 03:00');
    expect(csvDateTime(Date.UTC(2024, 2, 10, 5, 29) / 1000, 'America/St_Johns')).toBe('2024-03-10 01:59');
    expect(csvDateTime(Date.UTC(2024, 2, 10, 5, 30) / 1000, 'America/St_Johns')).toBe('2024-03-10 03:00');
  });

  it('writes labor cost as hours:minutes', () => {
    expect(hoursMinutes(7500)).toBe('2:05');
    expect(hoursMinutes(0)).toBe('0:00');
    expect(hoursMinutes(-1)).toBe('');
  });
});
