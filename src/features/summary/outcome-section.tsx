import { BarChart } from '@mantine/charts';
import { Title } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import { BucketTable } from './bucket-table';
import type { LeadsSummary } from './compute-summary';
import type { MetricDisplay } from './summary-metric';
import { summaryMessages } from './summary-messages';
import type { SummaryFormats } from './use-summary-formats';

export type OutcomeSectionProps = { summary: LeadsSummary; display: MetricDisplay; formats: SummaryFormats };

/** Won against lost against open, and the loss reasons. */
export function OutcomeSection({ summary, display, formats }: OutcomeSectionProps) {
  const t = useMessages(summaryMessages);
  const { format, valueAxis, series, valueOf } = display;
  const outcomeData = [
    { label: t('won'), value: valueOf(summary.won), color: 'green.7' },
    { label: t('lost'), value: valueOf(summary.lost), color: 'red.6' },
    { label: t('open'), value: valueOf(summary.open), color: 'gray.5' },
  ];
  return (
    <>
      <Title order={3} size="h5">
        {t('outcome')}
      </Title>
      <BarChart h={160} data={outcomeData} dataKey="label" series={series} valueFormatter={format} yAxisProps={valueAxis} />
      <Title order={4} size="h6">
        {t('lossReasons')}
      </Title>
      <BucketTable
        rows={summary.lossReasons.map((r) => ({
          key: String(r.lossReasonId),
          label: r.lossReasonId === null ? t('noReason') : (r.name ?? `#${r.lossReasonId}`),
          color: null,
          count: r.count,
          sum: r.sum,
          onApply: null,
          applyLabel: '',
        }))}
        countLabel={t('count')}
        sumLabel={t('sum')}
        money={formats.money}
        number={formats.number}
      />
    </>
  );
}
