// The scroll container of the grid: the row window, the column window and keyboard navigation are
// hooks of their own (use-row-window, use-column-window, use-grid-keyboard); this composes them,
// fetches the entities of the pages in view and renders the header and the rows.
import type { Row } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { LeadsTableContext, type LeadsTableContextValue } from '@/features/leads-table/leads-table-context';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import { LeadsTableHeader, type HeaderSorting, type LeadsTableHeaderProps } from './leads-table-header';
import { LeadsTableRow, rowDomId } from './leads-table-row';
import { ChunkBoundary } from '@/lib/ui/lazy-chunk';
import type { TotalsInput } from '@/features/leads-table/totals/leads-table-totals';
import { totalsChunk } from '@/features/leads-table/totals/totals-chunk';
import { TOTALS_HEIGHT } from '@/features/leads-table/totals/totals-height';
import classes from '@/features/leads-table/leads-table.module.css';
import { pageOf } from './page-of';
import { usePagesInView } from './use-pages-in-view';
import { useClosePanel } from './use-close-panel';
import { useColumnWindow } from './use-column-window';
import { useGridKeyboard } from './use-grid-keyboard';
import { usePageEntities, type PageEntityNeeds } from './use-page-entities';
import { stageAgeChunk } from '@/features/leads-table/stage-age/stage-age-chunk';
import type { StageAgeLabels } from '@/features/leads-table/stage-age/stage-age-label';
import { GRID_HEADER_HEIGHT, PANEL_HEIGHT, useRowWindow } from './use-row-window';

export type LeadsTableBodyProps = {
  rows: Row<LeadsTableFeatures, Lead>[];
  headers: LeadsTableHeaderProps['headers'];
  totalWidth: number;
  /** Changes whenever visible columns, their order or sizes change: the per-column cell layout is recomputed. */
  layoutKey: string;
  rowHeight: number;
  /** Leads of each loaded page, and the index of each page's first row. */
  pages: readonly (readonly Lead[])[];
  pageStarts: readonly number[];
  expandedIds: ReadonlySet<string>;
  ariaRowCount: number;
  canLoadMore: boolean;
  loadMore: () => void;
  /** Changes when the list's order or filters change: the view returns to the first row. */
  resetKey: string;
  sorting: HeaderSorting;
  /** The entities the visible columns name (the panel's chained-list values are always fetched). */
  needs: PageEntityNeeds;
  context: Omit<LeadsTableContextValue, 'columns' | 'closePanel' | 'stageAges'>;
  /** The attention column is shown: ask when the leads on screen entered their stages. */
  stageAges: boolean;
  /** The sticky totals row under the summable columns (none: no such column is shown). */
  totals: TotalsInput | null;
};

export function LeadsTableBody(props: LeadsTableBodyProps) {
  const { rows, rowHeight, expandedIds, pages, pageStarts, canLoadMore, loadMore, resetKey } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const { virtualizer, items, firstIndex, lastIndex } = useRowWindow({
    scrollRef,
    rows,
    rowHeight,
    expandedIds,
    activeIndex,
    canLoadMore,
    loadMore,
    bottomInset: props.totals ? TOTALS_HEIGHT : 0,
  });

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setActiveIndex(0);
  }, [resetKey]);

  const pagesInView = usePagesInView(pages, pageStarts, firstIndex, lastIndex);
  const entities = usePageEntities(pagesInView, props.needs);
  // Read only by the attention column's cells, which a hidden column does not draw.
  const [stageAges, setStageAges] = useState<StageAgeLabels>();
  const closePanel = useClosePanel(rows, setActiveIndex, () => scrollRef.current?.focus({ preventScroll: true }));
  const contextValue = useMemo(
    () => ({ ...props.context, columns: { ref: props.context.reference, entities, text: props.context.columnText }, closePanel, stageAges }),
    [props.context, entities, closePanel, stageAges],
  );
  const { layouts, colStart, colEnd, handleFocus, handleBlur } = useColumnWindow({
    scrollRef,
    headers: props.headers,
    layoutKey: props.layoutKey,
    rowHeight,
  });
  const { handleKeyDown } = useGridKeyboard({ scrollRef, rows, rowHeight, virtualizer, activeIndex, setActiveIndex });

  // The body re-renders on every scrolled frame; the header only when its own inputs change.
  const { headers, totalWidth, sorting } = props;
  const { t } = props.context;
  const header = useMemo(
    () => <LeadsTableHeader headers={headers} layout={layouts} height={GRID_HEADER_HEIGHT} width={totalWidth} sorting={sorting} t={t} />,
    [headers, layouts, totalWidth, sorting, t],
  );

  const activeRow = rows[Math.min(activeIndex, rows.length - 1)];
  return (
    <LeadsTableContext.Provider value={contextValue}>
      {/* The frame draws the grid's focus ring above the cells: the scroller's own ring is painted under its content. */}
      <div className={classes.frame}>
        <div
          ref={scrollRef}
          role="grid"
          aria-label={props.context.t('gridLabel')}
          aria-rowcount={props.ariaRowCount}
          aria-colcount={layouts.count}
          aria-activedescendant={activeRow ? rowDomId(activeRow.original.id) : undefined}
          tabIndex={0}
          data-testid="leads-scroll"
          className={classes.scroll}
          onKeyDown={handleKeyDown}
          onFocus={handleFocus}
          onBlur={handleBlur}
        >
          {header}
          <div role="rowgroup" className={classes.rows} style={{ height: virtualizer.getTotalSize(), width: props.totalWidth }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const page = pageOf(pageStarts, item.index);
              return (
                <LeadsTableRow
                  key={row.id}
                  row={row}
                  index={item.index}
                  start={item.start - GRID_HEADER_HEIGHT}
                  rowHeight={rowHeight}
                  panelHeight={PANEL_HEIGHT}
                  width={props.totalWidth}
                  expanded={expandedIds.has(row.id)}
                  active={item.index === activeIndex}
                  layouts={layouts}
                  colStart={colStart}
                  colEnd={colEnd}
                  pageLeads={pages[page] ?? EMPTY_PAGE}
                  onActivate={setActiveIndex}
                />
              );
            })}
          </div>
          {props.stageAges && (
            <ChunkBoundary>
              <stageAgeChunk.Component rows={rows} firstIndex={firstIndex} lastIndex={lastIndex} onLabels={setStageAges} />
            </ChunkBoundary>
          )}
          {props.totals ? (
            <ChunkBoundary compact>
              <totalsChunk.Component
                input={props.totals}
                locale={props.context.display.locale}
                currency={props.context.display.currency}
                layouts={layouts}
                colStart={colStart}
                colEnd={colEnd}
                width={props.totalWidth}
                rowIndex={props.ariaRowCount > 0 ? props.ariaRowCount : undefined}
              />
            </ChunkBoundary>
          ) : null}
        </div>
      </div>
    </LeadsTableContext.Provider>
  );
}

const EMPTY_PAGE: readonly Lead[] = [];
