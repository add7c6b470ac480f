// The columns in view: the pinned ones are always rendered (sticky while scrolled sideways); the center ones are
// virtualized on the same scroll element, after the pinned width (the scroll margin). A column
// whose cell holds the focus stays rendered while the grid scrolls sideways.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type RefObject } from 'react';
import { cellLayouts, type ColumnLayout, type LeadHeader } from './column-layout';

// Columns past the visible width are not rendered either (each costs style, layout and paint in every
// row, every frame): two either side keep a fast horizontal scroll from showing blank cells.
const COLUMN_OVERSCAN = 2;

export type ColumnWindowInput = {
  scrollRef: RefObject<HTMLDivElement | null>;
  headers: readonly LeadHeader[];
  /** Changes whenever visible columns, their order or sizes change: the per-column cell layout is recomputed. */
  layoutKey: string;
  rowHeight: number;
};

export function useColumnWindow({ scrollRef, headers, layoutKey, rowHeight }: ColumnWindowInput) {
  // Header objects are new on every table render while their geometry (layoutKey) rarely changes:
  // the rows get the same layout, so their memo holds, until the columns or density change.
  const layoutCache = useRef<{ key: string; layouts: ColumnLayout } | null>(null);
  const layoutCacheKey = `${layoutKey}|${rowHeight}`;
  if (layoutCache.current?.key !== layoutCacheKey) layoutCache.current = { key: layoutCacheKey, layouts: cellLayouts(headers, rowHeight) };
  const layouts = layoutCache.current.layouts;
  const layoutsRef = useRef(layouts);
  layoutsRef.current = layouts;

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
  usePinOnlyWhenScrolledSideways(scrollRef);
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

  return { layouts, colStart, colEnd, handleFocus, handleBlur };
}

/** The scroller's attribute that makes the rows' pinned groups sticky (see `.pinnedGroup` in the CSS). */
const SCROLLED_SIDEWAYS_ATTRIBUTE = 'data-scrolled-x';

/**
 * Marks the scroller while it is scrolled sideways, the only time the rows' pinned cells need to be
 * sticky: at scrollLeft 0 they are where they would stick anyway. A sticky box in every row made
 * Chrome composite every row as a layer of its own (58 layers for 19 rows, against 7 without), and
 * pay for it on every vertically scrolled frame. The attribute is set outside React: no re-render.
 */
function usePinOnlyWhenScrolledSideways(scrollRef: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => {
      const sideways = el.scrollLeft > 0;
      if (sideways !== el.hasAttribute(SCROLLED_SIDEWAYS_ATTRIBUTE)) el.toggleAttribute(SCROLLED_SIDEWAYS_ATTRIBUTE, sideways);
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    return () => el.removeEventListener('scroll', update);
  }, [scrollRef]);
}
