import { describe, expect, it } from 'vitest';
import { zoneOffsetMs } from './zone-offset';

/** The offset read straight from Intl, one reading per instant: what the caches must agree with. */
const formats = new Map<string, Intl.DateTimeFormat>();
function directOffset(utcMs: number, zone: string): number {
  const at = Math.floor(utcMs / 1000) * 1000;
  let format = formats.get(zone);
  if (!format)
    formats.set(
      zone,
      (format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })),
    );
  const parts = format.formatToParts(new Date(at));
  const p = Object.fromEntries(parts.map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - at;
}

describe('zoneOffsetMs', () => {
  // Zones with clock changes: at 01:00 UTC (Berlin), at :30 UTC and by 30 minutes (Lord Howe), at
  // local midnight (São Paulo's old DST), with a 30-minute base (St John's), and none (Kolkata).
  const zones = ['Europe/Berlin', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'America/St_Johns', 'Asia/Kolkata'];

  it.each(zones)('agrees with Intl every 17 minutes and 13 seconds through 2018 and 2024 in %s', (zone) => {
    const step = (17 * 60 + 13) * 1000;
    const mismatches: string[] = [];
    for (const year of [2018, 2024]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += step) {
        const expected = directOffset(t, zone);
        if (zoneOffsetMs(t, zone) !== expected) mismatches.push(`${new Date(t).toISOString()} ${zoneOffsetMs(t, zone)} ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('is right on each side of a change: Berlin on 2024-03-31 at 01:00 UTC', () => {
    expect(zoneOffsetMs(Date.UTC(2024, 2, 31, 0, 59, 59), 'Europe/Berlin')).toBe(3_600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 2, 31, 1, 0, 0), 'Europe/Berlin')).toBe(7_200_000);
  });

  it('is 0 for a zone Intl does not know', () => {
    expect(zoneOffsetMs(Date.UTC(2024, 0, 1), 'Mars/Olympus_Mons')).toBe(0);
  });
});
