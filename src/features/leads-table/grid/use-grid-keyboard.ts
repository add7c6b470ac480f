// Keyboard navigation of the grid (one active row, aria-activedescendant) and of the phone's cards:
// arrows, Page Up/Down, Home/End move it and scroll it into view; Enter or Space opens or closes its panel.
import type { Row } from '@tanstack/react-table';
import type { Virtualizer } from '@tanstack/react-virtual';
import { useCallback, type KeyboardEvent, type RefObject } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import { GRID_HEADER_HEIGHT } from './use-row-window';

export type GridKeyboardInput = {
  scrollRef: RefObject<HTMLDivElement | null>;
  rows: Row<LeadsTableFeatures, Lead>[];
  rowHeight: number;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  activeIndex: number;
  setActiveIndex: (index: number) => void;
  /** Space above the first row inside the scroller: the grid's sticky header (the cards have none). */
  topInset?: number;
  /** Rows a screen is taken to hold before the scroller is measured. */
  fallbackRows?: number;
  /** The key is the list's, not a link's, button's or open panel's inside it (default: pressed on the scroller itself). */
  ownsKey?: (event: KeyboardEvent<HTMLDivElement>) => boolean;
  /** Called as a key moves the active row (the cards then move the focus to it). */
  onMove?: () => void;
};

const onScroller = (event: KeyboardEvent<HTMLDivElement>) => event.target === event.currentTarget;

export function useGridKeyboard({
  scrollRef,
  rows,
  rowHeight,
  virtualizer,
  activeIndex,
  setActiveIndex,
  topInset = GRID_HEADER_HEIGHT,
  fallbackRows = 10,
  ownsKey = onScroller,
  onMove,
}: GridKeyboardInput) {
  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      onMove?.();
      setActiveIndex(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [rows.length, virtualizer, setActiveIndex, onMove],
  );

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!ownsKey(event) || rows.length === 0) return;
    const viewport = scrollRef.current?.clientHeight ?? rowHeight * fallbackRows;
    const pageRows = Math.max(1, Math.floor((viewport - topInset) / rowHeight) - 1);
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

  return { handleKeyDown };
}
