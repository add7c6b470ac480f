// The rows in view: a virtualizer of fixed-height rows (an expanded row grows by the panel's fixed
// height once, on toggle: no measuring), which keeps the active row rendered and asks for the next
// page before the end is reached. The grid's rows and the phone's cards both use it.
import type { Row } from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';

// The grid's sticky row of column headers, inside the scroller: rows start below it.
export const GRID_HEADER_HEIGHT = 40;
// Tall enough for two contacts and five rows of fields at 1440 px; a longer panel scrolls inside.
export const PANEL_HEIGHT = 420;
// Rows are a fixed height and cheap to mount: a few rows of overscan are enough even at 100 px a frame,
// and every extra row costs style, layout and paint work on every frame.
const OVERSCAN = 4;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
export const PREFETCH_ROWS = 150;

export type RowWindowInput = {
  scrollRef: RefObject<HTMLDivElement | null>;
  rows: Row<LeadsTableFeatures, Lead>[];
  rowHeight: number;
  expandedIds: ReadonlySet<string>;
  activeIndex: number;
  canLoadMore: boolean;
  loadMore: () => void;
  /** Height of the sticky totals row: a row the keyboard moves to is scrolled clear of it. */
  bottomInset?: number;
  /** Space above the first row inside the scroller: the grid's sticky header (the cards have none). */
  topInset?: number;
  overscan?: number;
};

export function useRowWindow({
  scrollRef,
  rows,
  rowHeight,
  expandedIds,
  activeIndex,
  canLoadMore,
  loadMore,
  bottomInset = 0,
  topInset = GRID_HEADER_HEIGHT,
  overscan = OVERSCAN,
}: RowWindowInput) {
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;
  const sizeRef = useRef({ rows, rowHeight, expandedIds });
  sizeRef.current = { rows, rowHeight, expandedIds };

  const estimateSize = useCallback((index: number) => {
    const { rows: r, rowHeight: h, expandedIds: open } = sizeRef.current;
    const id = r[index]?.id;
    return id !== undefined && open.has(id) ? h + PANEL_HEIGHT : h;
  }, []);
  // The active row stays rendered even when scrolled away, so aria-activedescendant always resolves
  // (and a card holding the focus never drops it to <body>).
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
    overscan,
    scrollMargin: topInset,
    scrollPaddingStart: topInset,
    scrollPaddingEnd: bottomInset,
  });

  // Sizes change only on toggle or density change: recompute from estimateSize once, no measuring.
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, expandedIds, rowHeight]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? Math.max(...items.map((i) => i.index)) : 0;
  const firstIndex = items.length > 0 ? Math.min(...items.map((i) => i.index)) : 0;
  useEffect(() => {
    if (canLoadMore && rows.length > 0 && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [canLoadMore, lastIndex, rows.length, loadMore]);

  return { virtualizer, items, firstIndex, lastIndex };
}
