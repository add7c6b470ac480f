// The summary of the loaded leads of a view: totals, by stage (bars in the stages' colours), by
// responsible user, won against lost with loss reasons. Loaded lazily with recharts; clicking a
// bar (or its row in the table under it) applies that stage or user as the view's filter.
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { LeadsView } from '../../kommo/leads-query';
import type { Lead } from '../../kommo/schemas';
import { useKommoClient } from '../../lib/api/kommo-client-context';
import { leadQueries } from '../../lib/api/lead-queries';
import { referenceQueries } from '../../lib/api/reference-queries';
import { useLanguage, useMessages } from '../../lib/i18n/language-context';
import { useLeadsUrlQuery } from '../../lib/url-state/use-leads-url-query';
import { computeSummaryChunked, type LeadsSummary, type StageBucket, type UserBucket } from './compute-summary';
import { summaryMessages } from './summary-messages';

export type SummaryPanelProps = {
  /** The table's list query: the summary reads the leads the table (or load all) put in its cache. */
  listQuery: LeadsView;
};

type Metric = 'count' | 'sum';
const EMPTY_LEADS: Lead[] = [];
const EMPTY_ARRAY: never[] = [];
const MAX_USERS_CHARTED = 15;

function useMoney(currency: string | undefined) {
  const { locale } = useLanguage();
  return useMemo(() => {
    let f: Intl.NumberFormat;
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 0 });
    } catch {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    }
    return (n: number) => f.format(n);
  }, [locale, currency]);
}

export function SummaryPanel({ listQuery }: SummaryPanelProps) {
  const t = useMessages(summaryMessages);
  const { locale } = useLanguage();
  const client = useKommoClient();
  const { query: urlQuery, setQuery } = useLeadsUrlQuery();
  // Reads the table's entry without ever fetching on its own.
  const list = useInfiniteQuery({ ...leadQueries.list(client, listQuery), enabled: false });
  const account = useQuery(referenceQueries.account(client));
  const pipelines = useQuery(referenceQueries.pipelines(client));
  const users = useQuery(referenceQueries.users(client));
  const lossReasons = useQuery(referenceQueries.lossReasons(client));
  const pages = list.data?.pages;
  const leads = useMemo(() => (pages ? pages.flatMap((p) => p.leads) : EMPTY_LEADS), [pages]);
  const complete = pages !== undefined && (pages.length === 0 || pages[pages.length - 1]?.next === null);
  const [summary, setSummary] = useState<LeadsSummary | null>(null);
  const [metric, setMetric] = useState<Metric>('count');
  const money = useMoney(account.data?.currency);
  const number = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }), [locale]);

  const refs = useMemo(
    () => ({ pipelines: pipelines.data ?? EMPTY_ARRAY, users: users.data?.users ?? EMPTY_ARRAY, lossReasons: lossReasons.data ?? EMPTY_ARRAY }),
    [pipelines.data, users.data, lossReasons.data],
  );

  useEffect(() => {
    const controller = new AbortController();
    computeSummaryChunked(leads, refs, { signal: controller.signal }).then(setSummary, () => undefined);
    return () => controller.abort();
  }, [leads, refs]);

  if (!summary) {
    return (
      <Group gap="xs">
        <Loader size="sm" />
        <Text size="sm">{t('computing')}</Text>
      </Group>
    );
  }

  const stageName = (b: StageBucket) =>
    b.statusId === null ? t('noStage') : b.statusName ? `${b.statusName} · ${b.pipelineName ?? ''}` : t('unknownStage', { id: b.statusId });
  const userName = (b: UserBucket) =>
    b.userId === null ? t('unassigned') : b.name ? (b.active === false ? t('inactive', { name: b.name }) : b.name) : t('unknownUser', { id: b.userId });
  const format = (n: number) => (metric === 'sum' ? money(n) : number.format(n));

  const applyStage = (b: StageBucket) => {
    if (b.pipelineId === null || b.statusId === null) return;
    setQuery({ ...urlQuery, filter: { ...urlQuery.filter, statuses: [{ pipeline_id: b.pipelineId, status_id: b.statusId }] } });
  };
  const applyUser = (b: UserBucket) => {
    if (b.userId === null) return;
    setQuery({ ...urlQuery, filter: { ...urlQuery.filter, responsible_user_id: [b.userId] } });
  };

  const stageData = summary.byStage.map((b) => ({ label: stageName(b), value: metric === 'sum' ? b.sum : b.count, color: b.color ?? 'gray.5', bucket: b }));
  const userBuckets = summary.byUser.slice(0, MAX_USERS_CHARTED);
  const userData = userBuckets.map((b) => ({ label: userName(b), value: metric === 'sum' ? b.sum : b.count, bucket: b }));
  const outcomeData = [
    { label: t('won'), value: metric === 'sum' ? summary.won.sum : summary.won.count, color: 'teal.6' },
    { label: t('lost'), value: metric === 'sum' ? summary.lost.sum : summary.lost.count, color: 'red.6' },
    { label: t('open'), value: metric === 'sum' ? summary.open.sum : summary.open.count, color: 'gray.5' },
  ];
  const series = [{ name: 'value', label: metric === 'sum' ? t('sumSeries') : t('leadsSeries') }];

  return (
    <Stack gap="md">
      {!complete ? (
        <Alert color="yellow" p="xs">
          {t('partial', { count: summary.count })}
        </Alert>
      ) : null}
      <SimpleGrid cols={3}>
        <Stat label={t('count')} value={number.format(summary.count)} testId="summary-count" />
        <Stat label={t('sum')} value={money(summary.sum)} testId="summary-sum" />
        <Stat label={t('average')} value={summary.average === null ? t('none') : money(summary.average)} testId="summary-average" />
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('clickToFilter')}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label={t('metric')}
          value={metric}
          onChange={(v) => setMetric(v === 'sum' ? 'sum' : 'count')}
          data={[
            { value: 'count', label: t('leadsSeries') },
            { value: 'sum', label: t('sumSeries') },
          ]}
        />
      </Group>

      <Title order={3} size="h5">
        {t('byStage')}
      </Title>
      <BarChart
        h={260}
        data={stageData}
        dataKey="label"
        series={series}
        valueFormatter={format}
        tickLine="none"
        xAxisProps={{ hide: true }}
        barProps={{ cursor: 'pointer', onClick: (item: { payload?: (typeof stageData)[number] }) => item.payload && applyStage(item.payload.bucket) }}
      />
      <BucketTable
        rows={summary.byStage.map((b) => ({ key: b.key, label: stageName(b), color: b.color, count: b.count, sum: b.sum, onApply: b.statusId !== null ? () => applyStage(b) : null, applyLabel: t('filterByStage', { name: stageName(b) }) }))}
        countLabel={t('count')}
        sumLabel={t('sum')}
        money={money}
        number={number}
      />

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
        yAxisProps={{ width: 140 }}
        barProps={{ cursor: 'pointer', onClick: (item: { payload?: (typeof userData)[number] }) => item.payload && applyUser(item.payload.bucket) }}
      />
      <BucketTable
        rows={summary.byUser.map((b) => ({ key: String(b.userId), label: userName(b), color: null, count: b.count, sum: b.sum, onApply: b.userId !== null ? () => applyUser(b) : null, applyLabel: t('filterByUser', { name: userName(b) }) }))}
        countLabel={t('count')}
        sumLabel={t('sum')}
        money={money}
        number={number}
      />

      <Title order={3} size="h5">
        {t('outcome')}
      </Title>
      <BarChart h={160} data={outcomeData} dataKey="label" series={series} valueFormatter={format} />
      <Title order={4} size="h6">
        {t('lossReasons')}
      </Title>
      <BucketTable
        rows={summary.lossReasons.map((r) => ({ key: String(r.lossReasonId), label: r.lossReasonId === null ? t('noReason') : (r.name ?? `#${r.lossReasonId}`), color: null, count: r.count, sum: r.sum, onApply: null, applyLabel: '' }))}
        countLabel={t('count')}
        sumLabel={t('sum')}
        money={money}
        number={number}
      />
    </Stack>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

type BucketRow = { key: string; label: string; color: string | null; count: number; sum: number; onApply: (() => void) | null; applyLabel: string };

type BucketTableProps = { rows: BucketRow[]; countLabel: string; sumLabel: string; money: (n: number) => string; number: Intl.NumberFormat };

/** The chart's numbers as a table: readable by screen readers, and each row applies its filter by keyboard. */
function BucketTable({ rows, countLabel, sumLabel, money, number }: BucketTableProps) {
  return (
    <Table striped withTableBorder fz="xs" verticalSpacing={2}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th ta="end">{countLabel}</Table.Th>
          <Table.Th ta="end">{sumLabel}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {r.color ? <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: 2, background: r.color, flex: 'none' }} /> : null}
                {r.onApply ? (
                  <UnstyledButton fz="xs" td="underline" aria-label={r.applyLabel} onClick={r.onApply}>
                    {r.label}
                  </UnstyledButton>
                ) : (
                  r.label
                )}
              </Group>
            </Table.Td>
            <Table.Td ta="end">{number.format(r.count)}</Table.Td>
            <Table.Td ta="end">{money(r.sum)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
