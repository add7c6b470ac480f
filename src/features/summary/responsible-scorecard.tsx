// The per-responsible scorecard: one row a user, this period against the one before, from the view's
// loaded leads (compute-scorecard.ts says how each figure is computed; the note under it, in words).
import { SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { formatDate } from '@/lib/leads-list/lead-formatters';
import type { AccountDatePatterns } from '@/lib/time/account-date-format';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import type { Range } from '@/kommo/leads-query';
import { computeScorecard, SCORECARD_PERIODS, scorecardPeriods, type PeriodFigures, type ScorecardPeriod } from './compute-scorecard';
import { summaryMessages } from './summary-messages';

export type ResponsibleScorecardProps = {
  leads: readonly Lead[];
  zone: string;
  /** The account's own date format: the periods' first and last days are written in it. */
  datePatterns: AccountDatePatterns;
  nameOf: (userId: number | null) => string;
  money: (n: number) => string;
  number: Intl.NumberFormat;
  percent: Intl.NumberFormat;
};

export function ResponsibleScorecard({ leads, zone, datePatterns, nameOf, money, number, percent }: ResponsibleScorecardProps) {
  const t = useMessages(summaryMessages);
  const { locale } = useLanguage();
  const [period, setPeriod] = useState<ScorecardPeriod>('month');
  // One "now" per opening of the panel and per period: the rows and the dates do not shift while being read.
  const { rows, periods } = useMemo(() => {
    const now = Math.floor(Date.now() / 1000);
    return { rows: computeScorecard(leads, period, now, zone), periods: scorecardPeriods(period, now, zone) };
  }, [leads, period, zone]);
  const day = (at: number | undefined) => formatDate(at ?? null, zone, locale, datePatterns.date);
  const range = (r: Range) => t('scorecardDays', { from: day(r.from), to: day(r.to) });
  const rate = (f: PeriodFigures) => (f.winRate === null ? '–' : percent.format(f.winRate));
  const won = (f: PeriodFigures) => `${number.format(f.won)} · ${money(f.wonValue)}`;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('scorecard')}
      </Title>
      <SegmentedControl
        size="xs"
        value={period}
        onChange={(v) => setPeriod(v as ScorecardPeriod)}
        data={SCORECARD_PERIODS.map((p) => ({ value: p, label: t(`period_${p}`) }))}
        aria-label={t('scorecardPeriod')}
      />
      <Text size="xs" c="dimmed" data-testid="scorecard-period">
        {t('scorecardRange', { current: range(periods.current), previous: range(periods.previous) })}
      </Text>
      <Table striped withTableBorder fz="xs" verticalSpacing={2} data-testid="scorecard">
        <Table.Caption>{t('scorecardHow')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('scoreUser')}</Table.Th>
            {(['scoreOpenValue', 'scoreWon', 'scoreWinRate', 'scoreOverdue', 'scoreAge'] as const).map((key) => (
              <Table.Th key={key} scope="col" ta="end">
                {t(key)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={String(r.userId)}>
              <Table.Th scope="row">{nameOf(r.userId)}</Table.Th>
              <Table.Td ta="end">{money(r.openValue)}</Table.Td>
              <Table.Td ta="end">
                {won(r.current)}
                <Text span size="xs" c="dimmed" display="block">
                  {t('scorePrevious', { value: won(r.previous) })}
                </Text>
              </Table.Td>
              <Table.Td ta="end">
                {rate(r.current)}
                <Text span size="xs" c="dimmed" display="block">
                  {t('scorePrevious', { value: rate(r.previous) })}
                </Text>
              </Table.Td>
              <Table.Td ta="end">{number.format(r.overdue)}</Table.Td>
              <Table.Td ta="end">{r.averageOpenAgeDays === null ? '–' : t('scoreDays', { count: Math.round(r.averageOpenAgeDays) })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
