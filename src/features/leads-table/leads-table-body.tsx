// The scroll container, the virtualizer and keyboard navigation. Rows have a fixed height; an
// expanded row's size grows by the panel's fixed height once, when it is toggled (no measuring).
import type { Row } from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { LeadsQuery, OrderField } from '../../kommo/leads-query';
import type { Lead } from '../../kommo/schemas';
import { LeadsTableContext, type LeadsTableContextValue } from './leads-table-context';
import type { LeadsTableFeatures } from './leads-table-features';
import { LeadsTableHeader, type LeadsTableHeaderProps } from './leads-table-header';
import { cellLayouts, type ColumnLayout } from './column-layout';
import { LeadsTableRow, rowDomId } from './leads-table-row';
import classes from './leads-table.module.css';
import { usePageEntities } from './use-page-entities';

export const HEADER_HEIGHT = 40;
export const PANEL_HEIGHT = 300;
// Rows are a fixed height and cheap to mount: a few rows of overscan are enough even at 100 px a frame,
// and every extra row costs paint and compositing work (two sticky pinned cells each) on every frame.
const OVERSCAN = 4;
// Columns past the visible width are not rendered either (each costs style, layout and paint in every
// row, every frame): two either side keep a fast horizontal scroll from showing blank cells.
const COLUMN_OVERSCAN = 2;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
export const PREFETCH_ROWS = 150;

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
  order: LeadsQuery['order'];
  onSort: (field: OrderField) => void;
  needContacts: boolean;
  needCompanies: boolean;
  context: Omit<LeadsTableContextValue, 'entities'>;
};

function pageOf(pageStarts: readonly number[], index: number): number {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pageStarts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function LeadsTableBody(props: LeadsTableBodyProps) {
  const { rows, rowHeight, expandedIds, pages, pageStarts, canLoadMore, loadMore, resetKey } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;
  const sizeRef = useRef({ rows, rowHeight, expandedIds });
  sizeRef.current = { rows, rowHeight, expandedIds };

  const estimateSize = useCallback((index: number) => {
    const { rows: r, rowHeight: h, expandedIds: open } = sizeRef.current;
    const id = r[index]?.id;
    return id !== undefined && open.has(id) ? h + PANEL_HEIGHT : h;
  }, []);
  // The active row stays rendered even when scrolled away, so aria-activedescendant always resolves.
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const active = activeRef.current;
    if (active < range.count && !indexes.includes(active)) indexes.push(active);
    return indexes;
  }, []);
  const getItemKey = useCallback((index: number) => sizeRef.current.rows[index]?.id ?? index, []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: OVERSCAN,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Sizes change only on toggle or density change: recompute from estimateSize once, no measuring.
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, expandedIds, rowHeight]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setActiveIndex(0);
  }, [resetKey]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? Math.max(...items.map((i) => i.index)) : 0;
  const firstIndex = items.length > 0 ? Math.min(...items.map((i) => i.index)) : 0;
  useEffect(() => {
    if (canLoadMore && rows.length > 0 && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [canLoadMore, lastIndex, rows.length, loadMore]);

  const firstPage = pageOf(pageStarts, firstIndex);
  const lastPage = pageOf(pageStarts, lastIndex);
  const pagesInView = useMemo(() => pages.slice(firstPage, lastPage + 1), [pages, firstPage, lastPage]);
  const entities = usePageEntities(pagesInView, props.needContacts, props.needCompanies);
  const contextValue = useMemo(() => ({ ...props.context, entities }), [props.context, entities]);
  // Header objects are new on every table render while their geometry (layoutKey) rarely changes:
  // the rows get the same layout, so their memo holds, until the columns or density change.
  const layoutCache = useRef<{ key: string; layouts: ColumnLayout } | null>(null);
  const layoutCacheKey = `${props.layoutKey}|${rowHeight}`;
  if (layoutCache.current?.key !== layoutCacheKey) layoutCache.current = { key: layoutCacheKey, layouts: cellLayouts(props.headers, rowHeight) };
  const layouts = layoutCache.current.layouts;
  const layoutsRef = useRef(layouts);
  layoutsRef.current = layouts;

  // The center (unpinned) columns are virtualized on the same scroll element; the pinned ones are
  // sticky and always rendered, so the center starts after them (the scroll margin).
  const columnSize = useCallback((index: number) => {
    const starts = layoutsRef.current.centerStarts;
    return (starts[index + 1] ?? 0) - (starts[index] ?? 0);
  }, []);
  const columnKey = useCallback((index: number) => layoutsRef.current.centerIds[index] ?? index, []);
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: layouts.centerIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: columnSize,
    getItemKey: columnKey,
    overscan: COLUMN_OVERSCAN,
    scrollMargin: layouts.pinnedWidth,
  });
  // Sizes come from the layout (no measuring): recompute whenever a column is shown, hidden, moved or resized.
  useLayoutEffect(() => {
    columnVirtualizer.measure();
  }, [columnVirtualizer, layouts]);
  const columnItems = columnVirtualizer.getVirtualItems();
  // A link focused inside a cell keeps its column rendered when the grid scrolls sideways, or the
  // focus would drop to the page: the rendered range stretches to include that column.
  const [focusedColumn, setFocusedColumn] = useState<string | null>(null);
  const focusedIndex = focusedColumn === null ? -1 : layouts.centerIds.indexOf(focusedColumn);
  const viewStart = columnItems[0]?.index ?? 0;
  const viewEnd = columnItems[columnItems.length - 1]?.index ?? -1;
  const colStart = focusedIndex >= 0 ? Math.min(viewStart, focusedIndex) : viewStart;
  const colEnd = focusedIndex >= 0 ? Math.max(viewEnd, focusedIndex) : viewEnd;
  const handleFocus = (event: FocusEvent<HTMLDivElement>) => {
    const cell = event.target instanceof Element && event.target !== event.currentTarget ? event.target.closest('[role=gridcell][data-col]') : null;
    setFocusedColumn(cell?.getAttribute('data-col') ?? null);
  };
  const handleBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setFocusedColumn(null);
  };

  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      setActiveIndex(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [rows.length, virtualizer],
  );

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || rows.length === 0) return;
    const viewport = scrollRef.current?.clientHeight ?? rowHeight * 10;
    const pageRows = Math.max(1, Math.floor((viewport - HEADER_HEIGHT) / rowHeight) - 1);
    const handlers: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      PageDown: () => moveTo(activeIndex + pageRows),
      PageUp: () => moveTo(activeIndex - pageRows),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => rows[activeIndex]?.toggleExpanded(),
      ' ': () => rows[activeIndex]?.toggleExpanded(),
    };
    const handler = handlers[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };

  // The body re-renders on every scrolled frame; the header only when its own inputs change.
  const { headers, totalWidth, order, onSort } = props;
  const { t } = props.context;
  const header = useMemo(
    () => (
      <LeadsTableHeader headers={headers} layout={layouts} height={HEADER_HEIGHT} width={totalWidth} order={order} onSort={onSort} t={t} />
    ),
    [headers, layouts, totalWidth, order, onSort, t],
  );

  const activeRow = rows[Math.min(activeIndex, rows.length - 1)];
  return (
    <LeadsTableContext.Provider value={contextValue}>
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
                start={item.start - HEADER_HEIGHT}
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
      </div>
    </LeadsTableContext.Provider>
  );
}

const EMPTY_PAGE: readonly Lead[] = [];
