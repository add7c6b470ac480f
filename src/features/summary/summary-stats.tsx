import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import type { LeadsSummary } from './compute-summary';
import { summaryMessages } from './summary-messages';
import type { SummaryFormats } from './use-summary-formats';

export type SummaryStatsProps = { summary: LeadsSummary; formats: SummaryFormats };

/** The headline figures: open and won value, win rate, count, sum and average. */
export function SummaryStats({ summary, formats: { money, number, percent } }: SummaryStatsProps) {
  const t = useMessages(summaryMessages);
  return (
    <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs">
      <Stat label={t('openValue')} value={money(summary.open.sum)} detail={t('leadsOf', { count: summary.open.count })} testId="summary-open-value" />
      <Stat label={t('wonValue')} value={money(summary.won.sum)} detail={t('leadsOf', { count: summary.won.count })} testId="summary-won-value" />
      <Stat
        label={t('winRate')}
        value={summary.winRate === null ? t('none') : percent.format(summary.winRate)}
        detail={t('winRateDetail', { won: summary.won.count, closed: summary.won.count + summary.lost.count })}
        testId="summary-win-rate"
      />
      <Stat label={t('count')} value={number.format(summary.count)} testId="summary-count" />
      <Stat label={t('sum')} value={money(summary.sum)} testId="summary-sum" />
      <Stat label={t('average')} value={summary.average === null ? t('none') : money(summary.average)} testId="summary-average" />
    </SimpleGrid>
  );
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
      {detail ? (
        <Text size="xs" c="dimmed" data-testid={`${testId}-detail`}>
          {detail}
        </Text>
      ) : null}
    </Paper>
  );
}
