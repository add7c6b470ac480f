// Keyboard navigation of the grid (one active row, aria-activedescendant): arrows, Page Up/Down,
// Home/End move it and scroll it into view; Enter or Space opens or closes its panel.
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
};

export function useGridKeyboard({ scrollRef, rows, rowHeight, virtualizer, activeIndex, setActiveIndex }: GridKeyboardInput) {
  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      setActiveIndex(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [rows.length, virtualizer, setActiveIndex],
  );

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || rows.length === 0) return;
    const viewport = scrollRef.current?.clientHeight ?? rowHeight * 10;
    const pageRows = Math.max(1, Math.floor((viewport - GRID_HEADER_HEIGHT) / rowHeight) - 1);
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
