import { BarChart } from '@mantine/charts';
import { Stack, Text, Title } from '@mantine/core';
import { useMessages } from '@/lib/i18n/language-context';
import { BucketTable } from './bucket-table';
import { niceCeiling, stagesByPipeline, type LeadsSummary, type StageBucket } from './compute-summary';
import { cssColor, stageColor } from './stage-color';
import type { MetricDisplay } from './summary-metric';
import { summaryMessages } from './summary-messages';
import type { SummaryNames } from './summary-names';
import type { SummaryFormats } from './use-summary-formats';

export type StageSectionProps = {
  summary: LeadsSummary;
  display: MetricDisplay;
  formats: SummaryFormats;
  names: SummaryNames;
  applyStage: (b: StageBucket) => void;
};

/** By stage: one bar chart a pipeline, all on one scale, and the table of every stage under them. */
export function StageSection({ summary, display, formats, names, applyStage }: StageSectionProps) {
  const t = useMessages(summaryMessages);
  const { format, valueAxis, series, valueOf } = display;
  const pipelineGroups = stagesByPipeline(summary.byStage).map((g) => ({
    ...g,
    data: g.stages.map((b, i) => ({ label: names.stageShortName(b), value: valueOf(b), color: stageColor(b, i), bucket: b })),
  }));
  // One scale for every pipeline's chart: 199 leads draw longer than 44, whichever chart they are on.
  const stageScaleMax = Math.max(0, ...pipelineGroups.flatMap((g) => g.data.map((d) => d.value)));
  const stageAxis = { ...valueAxis, type: 'number' as const, domain: [0, niceCeiling(stageScaleMax)] };
  const colorOf = new Map(pipelineGroups.flatMap((g) => g.data.map((d) => [d.bucket.key, d.color] as const)));
  return (
    <>
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
          label: names.stageName(b),
          color: cssColor(colorOf.get(b.key) ?? 'gray.6'),
          count: b.count,
          sum: b.sum,
          onApply: b.statusId !== null ? () => applyStage(b) : null,
          applyLabel: t('filterByStage', { name: names.stageName(b) }),
        }))}
        countLabel={t('count')}
        sumLabel={t('sum')}
        money={formats.money}
        number={formats.number}
      />
    </>
  );
}
