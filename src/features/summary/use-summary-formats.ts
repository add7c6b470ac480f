import { useMemo } from 'react';
import { useLanguage } from '@/lib/i18n/language-context';

export type SummaryFormats = {
  money: (n: number) => string;
  /** Money on a chart's axis: compact ("$1.2M"). */
  moneyTick: (n: number) => string;
  number: Intl.NumberFormat;
  numberTick: Intl.NumberFormat;
  percent: Intl.NumberFormat;
};

function moneyFormat(locale: string, currency: string | undefined, compact: boolean): (n: number) => string {
  let f: Intl.NumberFormat;
  const shape: Intl.NumberFormatOptions = compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 0 };
  try {
    // An account without a currency (Kommo's docs example has none) gets plain numbers.
    f = currency ? new Intl.NumberFormat(locale, { style: 'currency', currency, ...shape }) : new Intl.NumberFormat(locale, shape);
  } catch {
    f = new Intl.NumberFormat(locale, shape);
  }
  return (n: number) => f.format(n);
}

/** The summary's number formats in the user's language, money in the account's currency. */
export function useSummaryFormats(currency: string | undefined): SummaryFormats {
  const { locale } = useLanguage();
  return useMemo(
    () => ({
      money: moneyFormat(locale, currency, false),
      moneyTick: moneyFormat(locale, currency, true),
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      numberTick: new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
    }),
    [locale, currency],
  );
}
