// The totals row, sticky at the bottom of the grid: a row of the grid whose row header says "Totals"
// and for what (the loaded leads, or the whole view once nothing is left to load), and under each
// summable column its sum and its average over the leads with a value. It takes the rows' column
// layout and rendered range, so it stays under its columns when they are resized, hidden, moved or
// scrolled sideways.
import { memo, useMemo } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { useMessages } from '@/lib/i18n/language-context';
import type { ColumnContext } from '@/lib/leads-list/column-context';
import { averageOf, columnTotals } from '@/lib/leads-list/column-totals';
import { formatMoney, formatNumber } from '@/lib/leads-list/lead-formatters';
import type { LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import { renderedColumnIds, spacerWidths, type ColumnLayout } from '@/features/leads-table/grid/column-layout';
import classes from '@/features/leads-table/leads-table.module.css';
import { TOTALS_HEIGHT } from './totals-height';
import { totalsMessages } from './totals-messages';

/** What the row adds up: the grid's leads (all loaded ones) and the shown summable columns. */
export type TotalsInput = {
  leads: readonly Lead[];
  definitions: readonly LeadColumnDefinition[];
  ctx: ColumnContext;
  /** Nothing more to load: the loaded leads are the whole view. */
  wholeView: boolean;
};

export type LeadsTableTotalsProps = {
  input: TotalsInput;
  locale: string;
  currency: string;
  layouts: ColumnLayout;
  colStart: number;
  colEnd: number;
  width: number;
  /** The row's place in the grid, when the number of rows is known. */
  rowIndex: number | undefined;
};

type CellText = { sum: string; average: string; title: string };

export const LeadsTableTotals = memo(function LeadsTableTotals({
  input,
  locale,
  currency,
  layouts,
  colStart,
  colEnd,
  width,
  rowIndex,
}: LeadsTableTotalsProps) {
  const t = useMessages(totalsMessages);
  const { leads, definitions, ctx, wholeView } = input;
  const byId = useMemo(() => {
    const texts = new Map<string, CellText>();
    for (const [id, total] of columnTotals(leads, definitions, ctx)) {
      const format = (n: number) => (total.money ? formatMoney(n, currency, locale) : formatNumber(n, locale));
      const average = averageOf(total);
      const sum = format(total.sum);
      texts.set(id, {
        sum,
        average: t('totalsAverage', { average: average === null ? '—' : format(average) }),
        title: t('totalsAverageOf', { sum, count: total.count }),
      });
    }
    return texts;
  }, [leads, definitions, ctx, currency, locale, t]);
  // The row header sits in the last pinned column (the lead's name), the widest one always in view.
  const headerColumnId = layouts.pinnedIds[layouts.pinnedIds.length - 1];
  const range = { colStart, colEnd };
  const centerIds = renderedColumnIds(layouts, range).slice(layouts.pinnedIds.length);
  const spacers = spacerWidths(layouts, range);
  const renderCell = (id: string) => {
    const layout = layouts.byId.get(id);
    const style = { width: layout?.style.width, height: TOTALS_HEIGHT };
    const className = `${layout?.className ?? classes.cell} ${classes.totalsCell}`;
    if (id === headerColumnId) {
      const note = t('totalsNote');
      return (
        <div key={id} role="rowheader" aria-colindex={layout?.colIndex} title={note} className={className} style={style}>
          <div className={classes.totalsTitle}>{t('totalsTitle')}</div>
          <div className={classes.muted} data-testid="totals-scope">
            {t(wholeView ? 'totalsWhole' : 'totalsLoaded', { count: leads.length })}
          </div>
        </div>
      );
    }
    const figures = byId.get(id);
    return (
      <div key={id} role="gridcell" aria-colindex={layout?.colIndex} data-col={id} title={figures?.title} className={className} style={style}>
        {figures ? (
          <>
            <div data-testid="total-sum">{figures.sum}</div>
            <div className={classes.muted}>{figures.average}</div>
          </>
        ) : null}
      </div>
    );
  };
  return (
    <div role="rowgroup" className={classes.totals} style={{ width }}>
      <div role="row" aria-rowindex={rowIndex} data-testid="leads-totals" style={{ display: 'flex', width, height: TOTALS_HEIGHT }}>
        {layouts.pinnedIds.length > 0 ? (
          <div className={`${classes.pinnedGroup} ${classes.totalsPinned}`} style={{ width: layouts.pinnedWidth }}>
            {layouts.pinnedIds.map(renderCell)}
          </div>
        ) : null}
        {spacers.left > 0 ? <div className={classes.spacer} style={{ width: spacers.left }} /> : null}
        {centerIds.map(renderCell)}
      </div>
    </div>
  );
});
