// Time facts of the demo account. Data is spread before a FIXED reference instant (not Date.now) so
// the same seed gives byte-identical answers on any day.

/** 2025-06-02T15:00:00Z: "now" inside the demo account. */
export const DEMO_REFERENCE_TIME = 1_748_876_400;
export const DAY = 86_400;
export const HOUR = 3_600;

export const DEMO_TIMEZONE = 'America/Sao_Paulo';
export const DEMO_TIMEZONE_OFFSET = '-03:00';
/**
 * São Paulo has had no daylight saving time since 2019, and every demo date falls after that, so a
 * fixed offset is exact here (and cheaper than Intl on 100k leads).
 */
const OFFSET_SECONDS = -3 * HOUR;

/** Midnight, in the account's timezone, of the local day that contains `unixSeconds`. */
export function accountMidnight(unixSeconds: number): number {
  const localDay = Math.floor((unixSeconds + OFFSET_SECONDS) / DAY);
  return localDay * DAY - OFFSET_SECONDS;
}

/** Midnight in the account's timezone of a calendar date (month 1-12). */
export function accountMidnightOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 1000 - OFFSET_SECONDS;
}
