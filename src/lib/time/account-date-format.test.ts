import { describe, expect, it } from 'vitest';
import docsAccount from '@/kommo/fixtures/real/amocrm-docs-account.json';
import { accountSchema } from '@/kommo/account-schema';
import { displayText } from '@/lib/leads-list/column-value';
import { accountDatePatterns, accountTimePattern, excelNumberFormat, formatPattern, isReadablePattern, NO_PATTERNS } from './account-date-format';
import { formatAccountClock } from './account-time';

// 2026-12-06 21:00:00 in Moscow (UTC+3) is 18:00 UTC.
const EVENING = Date.UTC(2026, 11, 6, 18, 0, 5) / 1000;
const MORNING = Date.UTC(2026, 0, 2, 6, 7, 0) / 1000; // 09:07 in Moscow

describe('the account\u2019s date formats', () => {
  it('reads the real /account body (amoCRM docs example): date_pattern "d.m.Y H:i", short_date_pattern "d.m.Y"', () => {
    const account = accountSchema.parse(docsAccount);
    expect(accountDatePatterns(account)).toEqual({ dateTime: 'd.m.Y H:i', date: 'd.m.Y' });
  });

  it('d.m.Y H:i shows as 06.12.2026 21:00 on the account\u2019s clock', () => {
    expect(formatPattern('d.m.Y H:i', EVENING, 'Europe/Moscow', 'en')).toBe('06.12.2026 21:00');
    expect(formatPattern('d.m.Y', EVENING, 'Europe/Moscow', 'en')).toBe('06.12.2026');
  });

  it('writes every PHP token it accepts, and \\-escaped letters as they are', () => {
    expect(formatPattern('j/n/y G:i:s', MORNING, 'Europe/Moscow', 'en')).toBe('2/1/26 9:07:00');
    expect(formatPattern('m/d/Y h:i A', EVENING, 'Europe/Moscow', 'en')).toBe('12/06/2026 09:00 PM');
    expect(formatPattern('m/d/Y g:i a', MORNING, 'Europe/Moscow', 'en')).toBe('01/02/2026 9:07 am');
    expect(formatPattern('j M Y', EVENING, 'Europe/Moscow', 'en')).toBe('6 Dec 2026');
    expect(formatPattern('j \\d\\e F \\d\\e Y', EVENING, 'Europe/Moscow', 'es')).toBe('6 de diciembre de 2026');
    expect(formatPattern('Y-m-d H:i', EVENING, 'UTC', 'en')).toBe('2026-12-06 18:00');
  });

  it('a pattern with a token it cannot write, or without day, month and year, is not used', () => {
    expect(isReadablePattern('d.m.Y H:i')).toBe(true);
    expect(isReadablePattern('D, d.m.Y')).toBe(false);
    expect(isReadablePattern('H:i')).toBe(false);
    expect(isReadablePattern('')).toBe(false);
    expect(accountDatePatterns({ datetime_settings: { date_pattern: 'l jS F Y', timezone: 'UTC' } })).toEqual(NO_PATTERNS);
  });

  it('the SDK\u2019s date_format and time_format make the pair when there is no date_pattern; nothing at all: the language\u2019s format', () => {
    expect(accountDatePatterns({ datetime_settings: { date_format: 'Y-m-d', time_format: 'H:i' } })).toEqual({
      dateTime: 'Y-m-d H:i',
      date: 'Y-m-d',
    });
    expect(accountDatePatterns({ datetime_settings: { date_pattern: 'd/m/Y H:i' } })).toEqual({ dateTime: 'd/m/Y H:i', date: 'd/m/Y' });
    expect(accountDatePatterns({ datetime_settings: undefined })).toEqual(NO_PATTERNS);
    expect(accountDatePatterns(null)).toEqual(NO_PATTERNS);
  });

  it('the table shows instants and days in the account\u2019s format, and in the language\u2019s without one', () => {
    const f = { locale: 'en-US', timeZone: 'Europe/Moscow', currency: 'USD' };
    const patterns = { dateTime: 'd.m.Y H:i', date: 'd.m.Y' };
    expect(displayText({ kind: 'instant', seconds: EVENING }, { ...f, patterns })).toBe('06.12.2026 21:00');
    expect(displayText({ kind: 'day', seconds: EVENING }, { ...f, patterns })).toBe('06.12.2026');
    expect(displayText({ kind: 'instant', seconds: EVENING }, f)).toBe('12/06/2026, 09:00 PM');
    expect(displayText({ kind: 'instant', seconds: EVENING }, { ...f, patterns: NO_PATTERNS })).toBe('12/06/2026, 09:00 PM');
  });

  it('becomes an Excel number format, so XLSX dates stay dates shown as in Kommo', () => {
    expect(excelNumberFormat('d.m.Y H:i')).toBe('dd.mm.yyyy hh:mm');
    expect(excelNumberFormat('m/d/Y g:i A')).toBe('mm/dd/yyyy h:mm AM/PM');
    expect(excelNumberFormat('j \\d\\e F')).toBe('d \\d\\e mmmm');
  });
});

describe('"as of" times in the account\u2019s format', () => {
  it('takes the time of the date-and-time pattern: d.m.Y H:i -> H:i, m/d/Y h:i A -> h:i A, none without a time', () => {
    expect(accountTimePattern({ dateTime: 'd.m.Y H:i', date: 'd.m.Y' })).toBe('H:i');
    expect(accountTimePattern({ dateTime: 'm/d/Y h:i A', date: 'm/d/Y' })).toBe('h:i A');
    expect(accountTimePattern({ dateTime: null, date: 'm/d/Y' })).toBeNull();
    expect(accountTimePattern(NO_PATTERNS)).toBeNull();
  });

  it('"as of" 21:00 with H:i, 09:00 PM with h:i A, on the account\u2019s clock whatever the browser\u2019s zone', () => {
    expect(formatAccountClock(EVENING * 1000, 'en-US', 'Europe/Moscow', 'H:i')).toBe('21:00');
    expect(formatAccountClock(EVENING * 1000, 'en-US', 'Europe/Moscow', 'h:i A')).toBe('09:00 PM');
    // Without a pattern, the language's own way.
    expect(formatAccountClock(EVENING * 1000, 'en-US', 'Europe/Moscow', null)).toBe('09:00 PM');
  });
});
