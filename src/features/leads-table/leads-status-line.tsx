// Leads loaded, the sum of their prices, and whether Kommo has more (it never sends a total).
import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMoney } from './lead-formatters';
import type { LeadsTableT } from './leads-table-messages';

export type LeadsStatusLineProps = {
  loaded: number;
  priceSum: number;
  currency: string;
  locale: string;
  hasMore: boolean;
  loadingMore: boolean;
  /** The view's first rows are not there yet (skeleton): no count, sum or "all loaded" to claim. */
  loadingView?: boolean;
  t: LeadsTableT;
  /** Room for the column chooser and other view controls. */
  children?: ReactNode;
};

export function LeadsStatusLine({ loaded, priceSum, currency, locale, hasMore, loadingMore, loadingView = false, t, children }: LeadsStatusLineProps) {
  return (
    <Group justify="space-between" px="sm" py={6} wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap="lg" wrap="wrap" role="status" aria-live="polite" data-testid="leads-status" style={{ minWidth: 0, rowGap: 0 }}>
        {loadingView ? (
          <Text size="sm">{t('statusLoadingView')}</Text>
        ) : (
          <>
            <Text size="sm">{t('statusLoaded', { count: loaded })}</Text>
            <Text size="sm">{t('statusSum', { sum: formatMoney(priceSum, currency, locale) })}</Text>
            <Text size="sm">{loadingMore ? t('statusLoading') : hasMore ? t('statusMore') : t('statusAll')}</Text>
          </>
        )}
      </Group>
      <div style={{ flexShrink: 0 }}>{children}</div>
    </Group>
  );
}
