// Pure formatting of lead values. Dates use the ACCOUNT's timezone (Kommo stores a `date` custom field
// as midnight there), never the browser's; money uses the account currency. All output is plain text.

import { formatPattern } from '@/lib/time/account-date-format';

const formatterCache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatterCache.get(key);
  if (!f) {
    f = make();
    formatterCache.set(key, f);
  }
  return f as T;
}

/** `pattern`: the account's own format (account-date-format); without one, the language's. */
export function formatDateTime(unixSeconds: number | null, timeZone: string, locale: string, pattern?: string | null): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds)) return '';
  if (pattern) return formatPattern(pattern, unixSeconds, timeZone, locale);
  const f = cached(
    `dt|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  );
  return f.format(new Date(unixSeconds * 1000));
}

/** Whole days since a due date that has passed (0: earlier today or less than a day ago), or null when not due yet. */
export function daysOverdue(dueSeconds: number | null, nowMs: number = Date.now()): number | null {
  if (dueSeconds === null || !Number.isFinite(dueSeconds) || dueSeconds * 1000 >= nowMs) return null;
  return Math.floor((nowMs - dueSeconds * 1000) / 86_400_000);
}

export function formatDate(unixSeconds: number | null, timeZone: string, locale: string, pattern?: string | null): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds)) return '';
  if (pattern) return formatPattern(pattern, unixSeconds, timeZone, locale);
  const f = cached(`d|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return f.format(new Date(unixSeconds * 1000));
}

/** A birthday has no year worth showing twice a day apart: day and month (and year) in the account zone. */
export function formatBirthday(unixSeconds: number | null, timeZone: string, locale: string): string {
  if (unixSeconds === null || !Number.isFinite(unixSeconds)) return '';
  const f = cached(`b|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'long', day: 'numeric' }));
  return f.format(new Date(unixSeconds * 1000));
}

export function formatMoney(amount: number | null, currency: string, locale: string): string {
  if (amount === null || !Number.isFinite(amount)) return '';
  const f = cached(`m|${locale}|${currency}`, () => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 });
    } catch {
      // An unknown currency code: a plain number is better than a crash.
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    }
  });
  return f.format(amount);
}

export function formatNumber(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return '';
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 6 })).format(value);
}

/** Labor cost arrives in seconds: "2 hr 05 min", "45 min" in English; "2 h 05 min" in Spanish (Intl units). */
export function formatLaborCost(seconds: number | null, locale: string): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const totalMinutes = Math.round(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const unit = (name: 'hour' | 'minute', digits: number) =>
    cached(
      `u|${locale}|${name}|${digits}`,
      () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', minimumIntegerDigits: digits }),
    );
  if (hours === 0) return unit('minute', 1).format(minutes);
  const parts = [unit('hour', 1).format(hours), unit('minute', 2).format(minutes)];
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts);
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * The href to link a user-entered URL to, or null when it must be shown as text. Only absolute
 * http, https, mailto and tel URLs qualify; the URL parser normalises case, whitespace and control
 * characters, so `JaVaScRiPt:` or `java\tscript:` are judged by their real scheme.
 */
export function safeHref(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return null;
  return url.href;
}
