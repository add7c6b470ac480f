// The summary of the loaded leads of a view: totals, by stage (bars in the stages' colours), by
// responsible user, won against lost with loss reasons. Loaded lazily with recharts; clicking a
// bar (or its row in the table under it) applies that stage or user as the view's filter.
// Mantine's styles of the components only the summary draws, before the charts package's.
import '@mantine/core/styles/SimpleGrid.css';
import '@mantine/core/styles/Table.css';
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Alert, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { LeadsView } from '@/kommo/leads-query';
import { resolveOpenStages } from '@/kommo/pipeline-stages';
import { buildFetchQuery } from '@/lib/leads-list/fetch-query';
import { seedNarrowedList } from '@/lib/leads-list/seed-narrowed-list';
import type { Lead } from '@/kommo/schemas';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { leadQueries } from '@/lib/leads/lead-queries';
import { useViewSource } from '@/lib/local-copy/use-view-source';
import { referenceQueries } from '@/lib/reference-data/reference-queries';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import { useLeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import {
  computeSummaryChunked,
  LOST_STATUS_ID,
  niceCeiling,
  sortUserBuckets,
  stagesByPipeline,
  WON_STATUS_ID,
  type LeadsSummary,
  type StageBucket,
  type UserBucket,
} from './compute-summary';
import { summaryMessages } from './summary-messages';
import { ResponsibleScorecard } from './responsible-scorecard';
import { accountTimeZone } from '@/lib/reference-data/account-zone';
import { accountDatePatterns } from '@/lib/time/account-date-format';
import { VisibleLeadsScope } from '@/lib/rights/visible-leads-scope';

export type SummaryPanelProps = {
  /** The table's list query: the summary reads the leads the table (or load all) put in its cache. */
  listQuery: LeadsView;
};

type Metric = 'count' | 'sum';
const EMPTY_LEADS: Lead[] = [];
const EMPTY_ARRAY: never[] = [];
const MAX_USERS_CHARTED = 15;

/**
 * Bar colours told apart at a glance: Kommo's stage colours are pastels that often look alike, so
 * stages take a categorical palette by their place in the pipeline; won is green, lost red.
 */
const STAGE_PALETTE = ['blue.6', 'orange.6', 'grape.6', 'cyan.7', 'pink.6', 'lime.8', 'indigo.6', 'yellow.8', 'violet.6', 'teal.6'] as const;

function stageColor(b: StageBucket, index: number): string {
  if (b.statusId === WON_STATUS_ID) return 'green.7';
  if (b.statusId === LOST_STATUS_ID) return 'red.6';
  return STAGE_PALETTE[index % STAGE_PALETTE.length] ?? 'gray.6';
}

/** A Mantine colour name ('blue.6') as CSS, for the tables' swatches beside the bars. */
const cssColor = (name: string) => `var(--mantine-color-${name.replace('.', '-')})`;

function useMoney(currency: string | undefined, compact = false) {
  const { locale } = useLanguage();
  return useMemo(() => {
    let f: Intl.NumberFormat;
    const shape: Intl.NumberFormatOptions = compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 0 };
    try {
      // An account without a currency (Kommo's docs example has none) gets plain numbers.
      f = currency ? new Intl.NumberFormat(locale, { style: 'currency', currency, ...shape }) : new Intl.NumberFormat(locale, shape);
    } catch {
      f = new Intl.NumberFormat(locale, shape);
    }
    return (n: number) => f.format(n);
  }, [locale, currency, compact]);
}

export function SummaryPanel({ listQuery }: SummaryPanelProps) {
  const t = useMessages(summaryMessages);
  const { locale } = useLanguage();
  const client = useKommoClient();
  const queryClient = useQueryClient();
  const { query: urlQuery, setQuery } = useLeadsUrlQuery();
  // Reads the table's entry without ever fetching on its own.
  const { source } = useViewSource(listQuery);
  const list = useInfiniteQuery({ ...leadQueries.list(client, listQuery, source), enabled: false });
  const account = useQuery(referenceQueries.account(client));
  const pipelines = useQuery(referenceQueries.pipelines(client));
  const users = useQuery(referenceQueries.users(client));
  const lossReasons = useQuery(referenceQueries.lossReasons(client));
  const pages = list.data?.pages;
  const leads = useMemo(() => (pages ? pages.flatMap((p) => p.leads) : EMPTY_LEADS), [pages]);
  const complete = pages !== undefined && (pages.length === 0 || pages[pages.length - 1]?.next === null);
  const [summary, setSummary] = useState<LeadsSummary | null>(null);
  const [metric, setMetric] = useState<Metric>('count');
  const money = useMoney(account.data?.currency ?? undefined);
  const moneyTick = useMoney(account.data?.currency ?? undefined, true);
  const number = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }), [locale]);
  const numberTick = useMemo(() => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }), [locale]);
  const percent = useMemo(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }), [locale]);

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
  // On a pipeline's own chart the pipeline is in the title: the axis names the stage only.
  const stageShortName = (b: StageBucket) => (b.statusId === null ? t('noStage') : (b.statusName ?? t('unknownStage', { id: b.statusId })));
  const userName = (b: UserBucket) =>
    b.userId === null
      ? t('unassigned')
      : b.name
        ? b.active === false
          ? t('inactive', { name: b.name })
          : b.name
        : t('unknownUser', { id: b.userId });
  const format = (n: number) => (metric === 'sum' ? money(n) : number.format(n));
  const formatTick = (n: number) => (metric === 'sum' ? moneyTick(n) : numberTick.format(n));
  const valueAxis = { tickFormatter: formatTick, allowDecimals: false };

  // The narrower view keeps every other filter, so its leads are exactly the loaded ones of that stage
  // or user: once the view is all loaded they fill its list, with no request and no second Load all.
  const narrowTo = (next: typeof urlQuery, keep: (lead: Lead) => boolean) => {
    // Seeded under the key the table will ask: the open-leads rule resolved as useLeadsListQuery does.
    const to = buildFetchQuery(next, listQuery.with ?? []);
    seedNarrowedList(queryClient, client, source, listQuery, pipelines.data ? resolveOpenStages(to, pipelines.data) : to, keep, pipelines.data);
    setQuery(next);
  };
  const applyStage = (b: StageBucket) => {
    const { pipelineId, statusId } = b;
    if (pipelineId === null || statusId === null) return;
    // One stage replaces the open-leads rule (the rule would otherwise win over it).
    const { open: _rule, ...rest } = urlQuery;
    narrowTo(
      { ...rest, filter: { ...urlQuery.filter, statuses: [{ pipeline_id: pipelineId, status_id: statusId }] } },
      (l) => l.pipeline_id === pipelineId && l.status_id === statusId,
    );
  };
  const applyUser = (b: UserBucket) => {
    const { userId } = b;
    if (userId === null) return;
    narrowTo({ ...urlQuery, filter: { ...urlQuery.filter, responsible_user_id: [userId] } }, (l) => l.responsible_user_id === userId);
  };

  const pipelineGroups = stagesByPipeline(summary.byStage).map((g) => ({
    ...g,
    data: g.stages.map((b, i) => ({ label: stageShortName(b), value: metric === 'sum' ? b.sum : b.count, color: stageColor(b, i), bucket: b })),
  }));
  // One scale for every pipeline's chart: 199 leads draw longer than 44, whichever chart they are on.
  const stageScaleMax = Math.max(0, ...pipelineGroups.flatMap((g) => g.data.map((d) => d.value)));
  const stageAxis = { ...valueAxis, type: 'number' as const, domain: [0, niceCeiling(stageScaleMax)] };
  const colorOf = new Map(pipelineGroups.flatMap((g) => g.data.map((d) => [d.bucket.key, d.color] as const)));
  const sortedUsers = sortUserBuckets(summary.byUser, metric);
  const userBuckets = sortedUsers.slice(0, MAX_USERS_CHARTED);
  const userData = userBuckets.map((b) => ({ label: userName(b), value: metric === 'sum' ? b.sum : b.count, bucket: b }));
  const outcomeData = [
    { label: t('won'), value: metric === 'sum' ? summary.won.sum : summary.won.count, color: 'green.7' },
    { label: t('lost'), value: metric === 'sum' ? summary.lost.sum : summary.lost.count, color: 'red.6' },
    { label: t('open'), value: metric === 'sum' ? summary.open.sum : summary.open.count, color: 'gray.5' },
  ];
  const series = [{ name: 'value', label: metric === 'sum' ? t('sumSeries') : t('leadsSeries') }];

  return (
    <Stack gap="md">
      <VisibleLeadsScope />
      {!complete ? (
        <Alert color="yellow" p="xs">
          {t('partial', { count: summary.count })}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs">
        <Stat
          label={t('openValue')}
          value={money(summary.open.sum)}
          detail={t('leadsOf', { count: summary.open.count })}
          testId="summary-open-value"
        />
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
      {pipelineGroups.map((group) => (
        <Stack key={String(group.pipelineId)} gap={4}>
          <Text size="sm" fw={600}>
            {group.pipelineName ?? t('noStage')}
          </Text>
          <BarChart
            h={Math.max(96, group.data.length * 30 + 36)}
            data={group.data}
            dataKey="label"
            orientation="vertical"
            series={series}
            valueFormatter={format}
            tickLine="none"
            gridAxis="y"
            xAxisProps={stageAxis}
            yAxisProps={{ width: 150, interval: 0 }}
            barProps={{
              cursor: 'pointer',
              onClick: (item: { payload?: (typeof group.data)[number] }) => item.payload && applyStage(item.payload.bucket),
            }}
          />
        </Stack>
      ))}
      <BucketTable
        rows={summary.byStage.map((b) => ({
          key: b.key,
          label: stageName(b),
          color: cssColor(colorOf.get(b.key) ?? 'gray.6'),
          count: b.count,
          sum: b.sum,
          onApply: b.statusId !== null ? () => applyStage(b) : null,
          applyLabel: t('filterByStage', { name: stageName(b) }),
        }))}
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
        gridAxis="y"
        xAxisProps={valueAxis}
        yAxisProps={{ width: 150, interval: 0 }}
        barProps={{ cursor: 'pointer', onClick: (item: { payload?: (typeof userData)[number] }) => item.payload && applyUser(item.payload.bucket) }}
      />
      <BucketTable
        rows={sortedUsers.map((b) => ({
          key: String(b.userId),
          label: userName(b),
          color: null,
          count: b.count,
          sum: b.sum,
          onApply: b.userId !== null ? () => applyUser(b) : null,
          applyLabel: t('filterByUser', { name: userName(b) }),
        }))}
        countLabel={t('count')}
        sumLabel={t('sum')}
        money={money}
        number={number}
      />

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
        money={money}
        number={number}
      />

      <ResponsibleScorecard
        leads={leads}
        zone={accountTimeZone(account.data)}
        datePatterns={accountDatePatterns(account.data)}
        nameOf={(id) => {
          const bucket = summary.byUser.find((b) => b.userId === id);
          return bucket ? userName(bucket) : id === null ? t('unassigned') : t('unknownUser', { id });
        }}
        money={money}
        number={number}
        percent={percent}
      />
    </Stack>
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
