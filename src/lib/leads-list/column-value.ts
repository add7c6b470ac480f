// What a lead column holds for one lead, once: a typed value the column definition computes. The
// table's text, the browser sort's key, the CSV text and the XLSX cell are each one function of
// it, so they cannot read a lead differently; only their formats differ (named below).
import { formatPattern, type AccountDatePatterns } from '@/lib/time/account-date-format';
import { accountWallClock, isoDate, isoDateTime } from '@/lib/time/wall-clock';
import { formatBirthday, formatDate, formatDateTime, formatLaborCost, formatMoney, formatNumber } from './lead-formatters';

export type ColumnValue =
  | { readonly kind: 'empty' }
  /** A name asked for and not in yet (the table draws a placeholder; files never see one). */
  | { readonly kind: 'pending' }
  /** Text; `rank` orders it instead of the words (a stage by its place in the pipeline). */
  | { readonly kind: 'text'; readonly text: string; readonly rank?: number }
  /** An id: digits without separators in the table, a number in files. */
  | { readonly kind: 'id'; readonly value: number }
  | { readonly kind: 'number'; readonly value: number }
  /** An amount in the account's currency (the table adds the symbol). */
  | { readonly kind: 'money'; readonly value: number }
  /** A date and time (Unix seconds), shown in the account's zone. */
  | { readonly kind: 'instant'; readonly seconds: number }
  /** A calendar day: midnight of it in the account's zone (Unix seconds). */
  | { readonly kind: 'day'; readonly seconds: number; readonly birthday?: boolean }
  /** A duration in seconds (labor cost). */
  | { readonly kind: 'duration'; readonly seconds: number }
  | { readonly kind: 'list'; readonly items: readonly ColumnValue[] };

export const EMPTY: ColumnValue = { kind: 'empty' };
export const PENDING: ColumnValue = { kind: 'pending' };

export const text = (value: string, rank?: number): ColumnValue =>
  rank === undefined ? { kind: 'text', text: value } : { kind: 'text', text: value, rank };

/** Several values as one: none is empty, one is itself. */
export function listOf(items: readonly ColumnValue[]): ColumnValue {
  const kept = items.filter((i) => i.kind !== 'empty' && !(i.kind === 'text' && i.text === ''));
  if (kept.some((i) => i.kind === 'pending')) return PENDING;
  if (kept.length === 0) return EMPTY;
  return kept.length === 1 ? (kept[0] as ColumnValue) : { kind: 'list', items: kept };
}

/** What the table needs to draw a value as text; `patterns`: the account's own date formats, when it has them. */
export type DisplayFormat = { locale: string; timeZone: string; currency: string; patterns?: AccountDatePatterns };

/** The table separates several values with a comma. */
export const TABLE_LIST_SEPARATOR = ', ';
/** Files separate them with a semicolon: a comma is a decimal mark in many locales. */
export const FILE_LIST_SEPARATOR = '; ';

/** The table cell's text. */
export function displayText(v: ColumnValue, f: DisplayFormat): string {
  switch (v.kind) {
    case 'empty':
    case 'pending':
      return '';
    case 'text':
      return v.text;
    case 'id':
      return String(v.value);
    case 'number':
      return formatNumber(v.value, f.locale);
    case 'money':
      return formatMoney(v.value, f.currency, f.locale);
    case 'instant':
      return formatDateTime(v.seconds, f.timeZone, f.locale, f.patterns?.dateTime);
    case 'day':
      return v.birthday ? formatBirthday(v.seconds, f.timeZone, f.locale) : formatDate(v.seconds, f.timeZone, f.locale, f.patterns?.date);
    case 'duration':
      return formatLaborCost(v.seconds, f.locale);
    case 'list':
      return v.items.map((i) => displayText(i, f)).join(TABLE_LIST_SEPARATOR);
  }
}

/** `2:05` (hours:minutes): spreadsheets read it as a duration. */
export function hoursMinutes(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A CSV cell: numbers stay numbers; dates are `2024-03-05 14:07` in the account's zone, or in the account's own format when given. */
export function csvValue(v: ColumnValue, timeZone: string, patterns?: AccountDatePatterns): string | number {
  switch (v.kind) {
    case 'empty':
    case 'pending':
      return '';
    case 'text':
      return v.text;
    case 'id':
    case 'number':
    case 'money':
      return v.value;
    case 'instant':
      return patterns?.dateTime ? formatPattern(patterns.dateTime, v.seconds, timeZone, 'en') : isoDateTime(v.seconds, timeZone);
    case 'day':
      return patterns?.date && !v.birthday ? formatPattern(patterns.date, v.seconds, timeZone, 'en') : isoDate(v.seconds, timeZone);
    case 'duration':
      return hoursMinutes(v.seconds);
    case 'list':
      return v.items.map((i) => String(csvValue(i, timeZone, patterns))).join(FILE_LIST_SEPARATOR);
  }
}

/** An XLSX cell: dates as the account's wall clock, durations as fractions of a day (Excel's way). */
export function xlsxValue(v: ColumnValue, timeZone: string): string | number | Date | null {
  switch (v.kind) {
    case 'empty':
    case 'pending':
      return null;
    case 'instant':
    case 'day':
      return accountWallClock(v.seconds, timeZone);
    case 'duration':
      return v.seconds >= 0 ? v.seconds / 86_400 : null;
    default: {
      const cell = csvValue(v, timeZone);
      return cell === '' ? null : cell;
    }
  }
}

/** The browser sort's key: the number or the words the cell shows; null (an empty cell) sorts last. */
export function sortKey(v: ColumnValue): string | number | null {
  switch (v.kind) {
    case 'empty':
    case 'pending':
      return null;
    case 'text':
      return v.rank ?? v.text;
    case 'id':
    case 'number':
    case 'money':
      return v.value;
    case 'instant':
    case 'day':
    case 'duration':
      return v.seconds;
    case 'list': {
      const keys = v.items.map(sortKey);
      // Several names sort by all of them, as the cell lists them; several dates or amounts by the first.
      return keys.every((k) => typeof k === 'string') ? keys.join(TABLE_LIST_SEPARATOR) : (keys[0] ?? null);
    }
  }
}
