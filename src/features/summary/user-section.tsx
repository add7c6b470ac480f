import { BarChart } from '@mantine/charts';
import { Title } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import { BucketTable } from './bucket-table';
import { sortUserBuckets, type LeadsSummary, type UserBucket } from './compute-summary';
import type { Metric, MetricDisplay } from './summary-metric';
import { summaryMessages } from './summary-messages';
import type { SummaryNames } from './summary-names';
import type { SummaryFormats } from './use-summary-formats';

const MAX_USERS_CHARTED = 15;

export type UserSectionProps = {
  summary: LeadsSummary;
  metric: Metric;
  display: MetricDisplay;
  formats: SummaryFormats;
  names: SummaryNames;
  applyUser: (b: UserBucket) => void;
};

/** By responsible user: the first 15 charted, every one in the table. */
export function UserSection({ summary, metric, display, formats, names, applyUser }: UserSectionProps) {
  const t = useMessages(summaryMessages);
  const { format, valueAxis, series, valueOf } = display;
  const sortedUsers = sortUserBuckets(summary.byUser, metric);
  const userData = sortedUsers.slice(0, MAX_USERS_CHARTED).map((b) => ({ label: names.userName(b), value: valueOf(b), bucket: b }));
  return (
    <>
      <Title order={3} size="h5">
        {t('byUser')}
      </Title>
      <BarChart
        h={Math.max(160, userData.length * 28)}
        data={userData}
        dataKey="label"
        orientation="vertical"
        series={series}
        valueFormatter={format}
        gridAxis="y"
        xAxisProps={valueAxis}
        yAxisProps={{ width: 150, interval: 0 }}
        barProps={{ cursor: 'pointer', onClick: (item: { payload?: (typeof userData)[number] }) => item.payload && applyUser(item.payload.bucket) }}
      />
      <BucketTable
        rows={sortedUsers.map((b) => ({
          key: String(b.userId),
          label: names.userName(b),
          color: null,
          count: b.count,
          sum: b.sum,
          onApply: b.userId !== null ? () => applyUser(b) : null,
          applyLabel: t('filterByUser', { name: names.userName(b) }),
        }))}
        countLabel={t('count')}
        sumLabel={t('sum')}
        money={formats.money}
        number={formats.number}
      />
    </>
  );
}
