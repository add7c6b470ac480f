// Time facts of the demo account. Data is spread before a reference instant fixed once per process,
// so the same seed and reference give byte-identical answers, while "this month" still finds leads.

export const DAY = 86_400;
export const HOUR = 3_600;

/**
 * "Now" inside the demo account: `DEMO_NOW` (Unix seconds or an ISO date) when set, else the start of
 * the hour the server started in. A frozen date would leave every relative view (today, this month,
 * won this month) empty a few weeks after it.
 */
export function demoReferenceTime(envValue: string | undefined, nowMs: number): number {
  const raw = envValue?.trim();
  if (raw) {
    const seconds = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
    if (Number.isFinite(seconds) && seconds > 0) return Math.floor(seconds / HOUR) * HOUR;
  }
  return Math.floor(nowMs / 1000 / HOUR) * HOUR;
}

export const DEMO_REFERENCE_TIME = demoReferenceTime(process.env.DEMO_NOW, Date.now());

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
