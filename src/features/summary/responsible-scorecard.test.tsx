// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { leadSchema } from '@/kommo/lead-schema';
import type { AccountDatePatterns } from '@/lib/time/account-date-format';
import { renderWithProviders } from '@/test-utils/render';
import { ResponsibleScorecard } from './responsible-scorecard';

const leads = [
  leadSchema.parse({ id: 1, updated_at: 0, responsible_user_id: 7, price: 100, status_id: 142, closed_at: Date.UTC(2026, 11, 2) / 1000 }),
];

function renderScorecard(datePatterns: AccountDatePatterns, language = 'en') {
  renderWithProviders(
    <ResponsibleScorecard
      leads={leads}
      zone="Europe/Moscow"
      datePatterns={datePatterns}
      nameOf={() => 'Ana'}
      money={(n) => String(n)}
      number={new Intl.NumberFormat('en')}
      percent={new Intl.NumberFormat('en', { style: 'percent' })}
    />,
    { language },
  );
  return screen.getByTestId('scorecard-period').textContent;
}

describe('the scorecard\u2019s periods in the account\u2019s date format', () => {
  beforeEach(() => {
    // 2026-12-07 09:00 in Moscow; only Date is faked, so React's timers run as usual.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 7, 6, 0) });
  });
  afterEach(() => vi.useRealTimers());

  it('d.m.Y: this month and the month before as Kommo writes them', () => {
    expect(renderScorecard({ dateTime: 'd.m.Y H:i', date: 'd.m.Y' })).toBe('01.12.2026 – 31.12.2026, against 01.11.2026 – 30.11.2026');
  });

  it('m/d/Y, in Spanish words around the account\u2019s dates', () => {
    expect(renderScorecard({ dateTime: null, date: 'm/d/Y' }, 'es')).toBe('12/01/2026 – 12/31/2026, frente a 11/01/2026 – 11/30/2026');
  });

  it('without a format of the account, the language\u2019s own', () => {
    expect(renderScorecard({ dateTime: null, date: null })).toBe('12/01/2026 – 12/31/2026, against 11/01/2026 – 11/30/2026');
  });
});
