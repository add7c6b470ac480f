// Leads loaded, the sum of their prices, and whether Kommo has more (it never sends a total).
import { formatAccountClock } from '@/lib/time/account-time';
import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/leads-list/lead-formatters';
import { VisibleLeadsScope } from '@/lib/rights/visible-leads-scope';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';

/** The whole view's count and price sum when the local copy answered it (issue 16), and its time. */
export type ViewTotals = { count: number; priceSum: number; asOf: number };

export type LeadsStatusLineProps = {
  loaded: number;
  priceSum: number;
  /** Values Kommo sent in a shape the app could not read (each shown as a neutral mark in its cell). */
  unreadable?: number;
  currency: string;
  locale: string;
  /** The account's time zone: "as of 12:03" is on the account's clock, like every date in the table. */
  timeZone: string;
  /** The account's own time pattern ("H:i"), for the "as of" time; null: the language's. */
  timePattern?: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  /** The view's first rows are not there yet (skeleton): no count, sum or "all loaded" to claim. */
  loadingView?: boolean;
  t: LeadsTableT;
  /** Room for the column chooser and other view controls. */
  children?: ReactNode;
  view?: ViewTotals | null;
};

export function LeadsStatusLine({
  loaded,
  priceSum,
  unreadable = 0,
  currency,
  locale,
  timeZone,
  timePattern = null,
  hasMore,
  loadingMore,
  loadingView = false,
  t,
  children,
  view,
}: LeadsStatusLineProps) {
  if (view) {
    const time = formatAccountClock(view.asOf, locale, timeZone, timePattern);
    return (
      <Group justify="space-between" px="sm" py={6} wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Group gap="lg" wrap="nowrap" role="status" aria-live="polite" data-testid="leads-status">
          <Text size="sm">{t('statusView', { count: view.count })}</Text>
          <Text size="sm">{t('statusSum', { sum: formatMoney(view.priceSum, currency, locale) })}</Text>
          <VisibleLeadsScope />
          <Text size="sm" c="dimmed">
            {t('statusLocal', { time })}
          </Text>
        </Group>
        {children}
      </Group>
    );
  }
  return (
    <Group justify="space-between" px="sm" py={6} wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap="lg" wrap="wrap" role="status" aria-live="polite" data-testid="leads-status" style={{ minWidth: 0, rowGap: 0 }}>
        {loadingView ? (
          <Text size="sm">{t('statusLoadingView')}</Text>
        ) : (
          <>
            <Text size="sm">{t('statusLoaded', { count: loaded })}</Text>
            <Text size="sm">{t('statusSum', { sum: formatMoney(priceSum, currency, locale) })}</Text>
            <VisibleLeadsScope />
            {unreadable > 0 ? (
              <Text size="sm" c="dimmed" data-testid="leads-unreadable">
                {t('statusUnreadable', { count: unreadable })}
              </Text>
            ) : null}
            <Text size="sm">{loadingMore ? t('statusLoading') : hasMore ? t('statusMore') : t('statusAll')}</Text>
          </>
        )}
      </Group>
      <div style={{ flexShrink: 0 }}>{children}</div>
    </Group>
  );
}
