// The account's own date and time formats (Kommo's `datetime_settings`, PHP `date()` tokens such as
// `d.m.Y H:i`), applied to the account's wall clock. A pattern this module cannot read whole is not
// used: the caller falls back to the language's format.
import type { Account } from '@/kommo/account-schema';
import { accountWallClock } from './wall-clock';

/** The patterns to show an instant (date and time) and a calendar day with; null: the language's format. */
export type AccountDatePatterns = { dateTime: string | null; date: string | null };

export const NO_PATTERNS: AccountDatePatterns = { dateTime: null, date: null };

// PHP date() tokens written here; `\\x` is a literal x.
const TOKEN = /\\(.)|([djmnYyHGhgisAaMF])/g;
const READABLE = /^(?:\\.|[^A-Za-z\\]|[djmnYyHGhgisAaMF])*$/;

/** Every letter is a token we write; day, month and year are there; at most 40 characters (a setting, not a text). */
export function isReadablePattern(pattern: string | null | undefined): pattern is string {
  return !!pattern && pattern.length <= 40 && READABLE.test(pattern) && /[dj]/.test(pattern) && /[mnMF]/.test(pattern) && /[Yy]/.test(pattern);
}

const TIME_TOKENS = /[HGhg]/;

/**
 * The account's patterns. Kommo's body (docs' example, amocrm-api-php DateTimeSettings) holds
 * `date_pattern` ("d.m.Y H:i": date and time), `short_date_pattern` ("d.m.Y"), `short_time_pattern`
 * ("H:i"), `date_format` (spelled `date_formant` in the docs' example) and `time_format` ("H:i:s").
 */
export function accountDatePatterns(account: Pick<Account, 'datetime_settings'> | null | undefined): AccountDatePatterns {
  const s = account?.datetime_settings;
  if (!s) return NO_PATTERNS;
  const date = [s.short_date_pattern, s.date_format, s.date_formant].find(isReadablePattern) ?? null;
  const time = [s.short_time_pattern, s.time_format].find((p) => typeof p === 'string' && TIME_TOKENS.test(p) && isTimeOnly(p)) ?? null;
  const full = isReadablePattern(s.date_pattern) && TIME_TOKENS.test(s.date_pattern) ? s.date_pattern : null;
  const dateTime = full ?? (date && time ? `${date} ${time}` : null);
  return { dateTime, date: date ?? (full ? datePart(full) : null) };
}

function isTimeOnly(pattern: string): boolean {
  return pattern.length <= 20 && /^[HGhgisAa:. -]+$/.test(pattern);
}

/** "d.m.Y H:i" -> "d.m.Y": the pattern up to its first time token, trimmed of separators. */
function datePart(pattern: string): string | null {
  const cut = pattern.search(TIME_TOKENS);
  const part = (cut < 0 ? pattern : pattern.slice(0, cut)).replace(/[\s,:T-]+$/, '');
  return isReadablePattern(part) ? part : null;
}

/** The time of the account's date-and-time pattern ("d.m.Y H:i" -> "H:i", "m/d/Y g:i A" -> "g:i A"), for "as of 12:03"; null without one. */
export function accountTimePattern(patterns: AccountDatePatterns): string | null {
  const full = patterns.dateTime;
  if (!full) return null;
  const cut = full.search(TIME_TOKENS);
  const part = cut < 0 ? '' : full.slice(cut).trim();
  return part !== '' && isTimeOnly(part) ? part : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant in the pattern, on the account's wall clock; '' for no value. */
export function formatPattern(pattern: string, unixSeconds: number, timeZone: string, locale: string): string {
  const d = accountWallClock(unixSeconds, timeZone);
  if (!d) return '';
  const [year, month, day, hours, minutes] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  const h12 = hours % 12 || 12;
  const monthName = (style: 'short' | 'long') => new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' }).format(d);
  const values: Record<string, () => string> = {
    d: () => pad(day),
    j: () => String(day),
    m: () => pad(month),
    n: () => String(month),
    Y: () => String(year),
    y: () => pad(year % 100),
    H: () => pad(hours),
    G: () => String(hours),
    h: () => pad(h12),
    g: () => String(h12),
    i: () => pad(minutes),
    s: () => pad(d.getUTCSeconds()),
    A: () => (hours < 12 ? 'AM' : 'PM'),
    a: () => (hours < 12 ? 'am' : 'pm'),
    M: () => monthName('short'),
    F: () => monthName('long'),
  };
  return pattern.replace(TOKEN, (_, literal: string | undefined, token: string) => literal ?? values[token]?.() ?? token);
}

/** The pattern as an Excel number format ("d.m.Y H:i" -> "dd.mm.yyyy hh:mm"), so XLSX dates stay dates shown as in Kommo. */
export function excelNumberFormat(pattern: string): string {
  const map: Record<string, string> = {
    d: 'dd',
    j: 'd',
    m: 'mm',
    n: 'm',
    Y: 'yyyy',
    y: 'yy',
    H: 'hh',
    G: 'h',
    h: 'hh',
    g: 'h',
    i: 'mm',
    s: 'ss',
    A: 'AM/PM',
    a: 'am/pm',
    M: 'mmm',
    F: 'mmmm',
  };
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\') {
      out += `\\${pattern[i + 1] ?? ''}`;
      i += 1;
    } else out += map[ch] ?? (/[A-Za-z0-9"]/.test(ch) ? `\\${ch}` : ch);
  }
  return out;
}
