import { describe, expect, it } from 'vitest';
import { safeTimezone as safeTimeZone } from '@/lib/time/account-time';
import { daysOverdue, formatDate, formatDateTime, formatLaborCost, formatMoney, safeHref } from './lead-formatters';

describe('safeHref', () => {
  it.each(['https://example.com/a?b=1', 'http://example.com', 'mailto:ana@example.com', 'tel:+5511999999999', '  HTTPS://EXAMPLE.COM  '])(
    'links %s',
    (url) => {
      expect(safeHref(url)).not.toBeNull();
    },
  );
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    '//evil.example.com',
    'www.example.com',
    'ftp://example.com/file',
    'file:///etc/passwd',
    '',
  ])('refuses %s', (url) => {
    expect(safeHref(url)).toBeNull();
  });
});

describe('dates in the account timezone', () => {
  // 2024-03-10 00:00 in Sao Paulo (UTC-3) is 03:00 UTC: a browser in UTC-5 would show the 9th.
  const midnightSaoPaulo = Date.UTC(2024, 2, 10, 3, 0, 0) / 1000;
  it('shows a date custom field on its own day in the account zone', () => {
    expect(formatDate(midnightSaoPaulo, 'America/Sao_Paulo', 'en-US')).toBe('03/10/2024');
    expect(formatDate(midnightSaoPaulo, 'America/New_York', 'en-US')).toBe('03/09/2024');
  });
  it('shows date-times one minute before midnight on the right day', () => {
    const lateEvening = Date.UTC(2024, 0, 1, 2, 59) / 1000; // 23:59 on Dec 31 in Sao Paulo
    expect(formatDateTime(lateEvening, 'America/Sao_Paulo', 'en-US')).toBe('12/31/2023, 11:59 PM');
    expect(formatDateTime(lateEvening, 'UTC', 'en-US')).toBe('01/01/2024, 02:59 AM');
  });
  it('uses the selected language’s locale, still in the account zone', () => {
    const lateEvening = Date.UTC(2024, 0, 1, 2, 59) / 1000;
    expect(formatDateTime(lateEvening, 'America/Sao_Paulo', 'es-ES')).toBe('31/12/2023, 23:59');
    expect(formatDateTime(lateEvening, 'America/Sao_Paulo', 'pt-BR')).toBe('31/12/2023, 23:59');
    expect(formatMoney(1234.5, 'USD', 'es-ES')).toMatch(/^1234,50\sUS\$$|^1\.234,50\sUS\$$/);
    expect(formatMoney(1234.5, 'USD', 'pt-BR')).toMatch(/^US\$\s1\.234,50$/);
  });
  it('falls back to UTC for a zone Intl does not know', () => {
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(safeTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
  });
  it('renders nothing for null', () => {
    expect(formatDateTime(null, 'UTC', 'en-US')).toBe('');
  });
});

describe('money and labor cost', () => {
  it('formats price in the account currency', () => {
    expect(formatMoney(1234, 'USD', 'en-US')).toBe('$1,234.00');
    expect(formatMoney(1234, 'BRL', 'pt-BR')).toMatch(/R\$\s1\.234,00/);
    expect(formatMoney(1234, 'EUR', 'es-ES')).toMatch(/1234,00\s€|1\.234,00\s€/);
  });
  it('survives an unknown currency code', () => {
    expect(formatMoney(5, 'NOT-A-CODE', 'en-US')).toBe('5');
  });
  it('formats labor cost seconds as hours and minutes', () => {
    expect(formatLaborCost(0, 'en-US')).toBe('0 min');
    expect(formatLaborCost(45 * 60, 'en-US')).toBe('45 min');
    expect(formatLaborCost(2 * 3600 + 5 * 60, 'en-US')).toBe('2 hr 05 min');
    expect(formatLaborCost(2 * 3600 + 5 * 60, 'es-ES')).toBe('2 h 05 min');
    expect(formatLaborCost(null, 'en-US')).toBe('');
    expect(formatLaborCost(-1, 'en-US')).toBe('');
  });
});

describe('daysOverdue', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  it('counts whole days since a past due date, null for one still ahead', () => {
    expect(daysOverdue(now / 1000 - 3 * 86_400 - 60, now)).toBe(3);
    expect(daysOverdue(now / 1000 - 60, now)).toBe(0);
    expect(daysOverdue(now / 1000 + 60, now)).toBeNull();
    expect(daysOverdue(null, now)).toBeNull();
  });
});
