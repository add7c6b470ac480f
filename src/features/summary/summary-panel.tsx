// The summary of the loaded leads of a view: totals, by stage (bars in the stages' colours), by
// responsible user, won against lost with loss reasons. Loaded lazily with recharts; clicking a
// bar (or its row in the table under it) applies that stage or user as the view's filter.
// Mantine's styles of the components only the summary draws, before the charts package's.
import '@mantine/core/styles/SimpleGrid.css';
import '@mantine/core/styles/Table.css';
import '@mantine/charts/styles.css';
import { Alert, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { LeadsView } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { leadQueries } from '@/lib/leads/lead-queries';
import { useViewSource } from '@/lib/local-copy/use-view-source';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';
import { useMessages } from '@/lib/i18n/language-context';
import { computeSummaryChunked, type LeadsSummary } from './compute-summary';
import { summaryMessages } from './summary-messages';
import { ResponsibleScorecard } from './responsible-scorecard';
import { accountTimeZone } from '@/lib/reference-data/account-zone';
import { accountDatePatterns } from '@/lib/time/account-date-format';
import { VisibleLeadsScope } from '@/lib/rights/visible-leads-scope';
import { metricDisplay, type Metric } from './summary-metric';
import { summaryNames } from './summary-names';
import { SummaryStats } from './summary-stats';
import { StageSection } from './stage-section';
import { UserSection } from './user-section';
import { OutcomeSection } from './outcome-section';
import { useSummaryDrillDown } from './use-summary-drill-down';
import { useSummaryFormats } from './use-summary-formats';

export type SummaryPanelProps = {
  /** The table's list query: the summary reads the leads the table (or load all) put in its cache. */
  listQuery: LeadsView;
};

const EMPTY_LEADS: Lead[] = [];
const EMPTY_ARRAY: never[] = [];
// The names a summary shows: stages, responsible users, loss reasons; the account's currency and zone.
const PARTS = ['account', 'pipelines', 'users', 'lossReasons'] as const;

export function SummaryPanel({ listQuery }: SummaryPanelProps) {
  const t = useMessages(summaryMessages);
  const client = useKommoClient();
  // Reads the table's entry without ever fetching on its own.
  const { source } = useViewSource(listQuery);
  const list = useInfiniteQuery({ ...leadQueries.list(client, listQuery, source), enabled: false });
  const { account, pipelines, users, lossReasons } = useReferenceData(PARTS).data;
  const pages = list.data?.pages;
  const leads = useMemo(() => (pages ? pages.flatMap((p) => p.leads) : EMPTY_LEADS), [pages]);
  const complete = pages !== undefined && (pages.length === 0 || pages[pages.length - 1]?.next === null);
  const [summary, setSummary] = useState<LeadsSummary | null>(null);
  const [metric, setMetric] = useState<Metric>('count');
  const formats = useSummaryFormats(account?.currency ?? undefined);
  const { applyStage, applyUser } = useSummaryDrillDown(listQuery, source, pipelines);

  const refs = useMemo(
    () => ({ pipelines: pipelines ?? EMPTY_ARRAY, users: users?.users ?? EMPTY_ARRAY, lossReasons: lossReasons ?? EMPTY_ARRAY }),
    [pipelines, users, lossReasons],
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

  const names = summaryNames(t);
  const display = metricDisplay(metric, formats, { sum: t('sumSeries'), count: t('leadsSeries') });

  return (
    <Stack gap="md">
      <VisibleLeadsScope />
      {!complete ? (
        <Alert color="yellow" p="xs">
          {t('partial', { count: summary.count })}
        </Alert>
      ) : null}
      <SummaryStats summary={summary} formats={formats} />
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
      <StageSection summary={summary} display={display} formats={formats} names={names} applyStage={applyStage} />
      <UserSection summary={summary} metric={metric} display={display} formats={formats} names={names} applyUser={applyUser} />
      <OutcomeSection summary={summary} display={display} formats={formats} />
      <ResponsibleScorecard
        leads={leads}
        zone={accountTimeZone(account)}
        datePatterns={accountDatePatterns(account)}
        nameOf={(id) => {
          const bucket = summary.byUser.find((b) => b.userId === id);
          return bucket ? names.userName(bucket) : id === null ? t('unassigned') : t('unknownUser', { id });
        }}
        money={formats.money}
        number={formats.number}
        percent={formats.percent}
      />
    </Stack>
  );
}
