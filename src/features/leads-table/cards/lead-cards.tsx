// The leads on a phone (under 640 px): a feed of cards instead of a squeezed table, with the grid's
// virtualization (fixed-height cards, an open lead adds the panel's height), its keyboard (arrows,
// Page Up/Down, Home/End move between cards; Enter or Space opens the lead; Esc in it closes it) and
// its paging (the next page is asked for before the end).
import type { Row } from '@tanstack/react-table';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { useMessages } from '@/lib/i18n/language-context';
import { usePageEntities } from '@/features/leads-table/grid/use-page-entities';
import { PANEL_HEIGHT, PREFETCH_ROWS } from '@/features/leads-table/grid/use-row-window';
import { LeadsTableContext, type LeadsTableContextValue } from '@/features/leads-table/leads-table-context';
import { stageAgeChunk } from '@/features/leads-table/stage-age/stage-age-chunk';
import type { StageAgeLabels } from '@/features/leads-table/stage-age/stage-age-label';
import { ChunkBoundary } from '@/lib/ui/lazy-chunk';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import tableClasses from '@/features/leads-table/leads-table.module.css';
import { cardDomId, LeadCard } from './lead-card';
import { leadCardsMessages } from './lead-cards-messages';
import classes from './lead-cards.module.css';

/** Five lines of text and the card's padding and gap. */
export const CARD_HEIGHT = 132;
const OVERSCAN = 3;
const CONTACTS_ONLY = { contacts: true, companies: false, products: false };
const EMPTY_PAGE: readonly Lead[] = [];

export type LeadCardsProps = {
  rows: Row<LeadsTableFeatures, Lead>[];
  pages: readonly (readonly Lead[])[];
  pageStarts: readonly number[];
  expandedIds: ReadonlySet<string>;
  /** The number of leads when all are here; -1 while more may come. */
  setSize: number;
  canLoadMore: boolean;
  loadMore: () => void;
  /** Changes when the list's order or filters change: the list returns to the first card. */
  resetKey: string;
  context: Omit<LeadsTableContextValue, 'columns' | 'closePanel' | 'stageAges'>;
  /** The attention view: each card says how long its lead has been in its stage, as the grid's attention cell does. */
  stageAges: boolean;
};

function pageOf(pageStarts: readonly number[], index: number): number {
  let page = 0;
  while (page + 1 < pageStarts.length && (pageStarts[page + 1] ?? Infinity) <= index) page += 1;
  return page;
}

export function LeadCards({ rows, pages, pageStarts, expandedIds, setSize, canLoadMore, loadMore, resetKey, context, stageAges }: LeadCardsProps) {
  const c = useMessages(leadCardsMessages);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;
  // Set by a key press: the next render moves the focus to the new active card.
  const focusPending = useRef(false);
  const sizeRef = useRef({ rows, expandedIds });
  sizeRef.current = { rows, expandedIds };

  const estimateSize = useCallback((index: number) => {
    const id = sizeRef.current.rows[index]?.id;
    return id !== undefined && sizeRef.current.expandedIds.has(id) ? CARD_HEIGHT + PANEL_HEIGHT : CARD_HEIGHT;
  }, []);
  // The active card stays rendered when scrolled away, so the focus never falls to <body>.
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    if (activeRef.current < range.count && !indexes.includes(activeRef.current)) indexes.push(activeRef.current);
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
  });
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, expandedIds]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setActiveIndex(0);
  }, [resetKey]);

  const items = virtualizer.getVirtualItems();
  const indexes = items.map((i) => i.index);
  const firstIndex = indexes.length > 0 ? Math.min(...indexes) : 0;
  const lastIndex = indexes.length > 0 ? Math.max(...indexes) : 0;
  useEffect(() => {
    if (canLoadMore && rows.length > 0 && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [canLoadMore, lastIndex, rows.length, loadMore]);

  const firstPage = pageOf(pageStarts, firstIndex);
  const lastPage = pageOf(pageStarts, lastIndex);
  const pagesInView = useMemo(() => pages.slice(firstPage, lastPage + 1), [pages, firstPage, lastPage]);
  // Cards always name the main contact (with its phone), whatever columns the table would show.
  const entities = usePageEntities(pagesInView, CONTACTS_ONLY);

  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const closePanel = useCallback((leadId: number) => {
    const index = rowsRef.current.findIndex((r) => r.original.id === leadId);
    const row = rowsRef.current[index];
    if (!row) return;
    // Focus first: the open lead holding the focus is about to unmount, which would drop it to <body>.
    document.getElementById(cardDomId(leadId))?.focus({ preventScroll: true });
    setActiveIndex(index);
    row.toggleExpanded(false);
  }, []);
  // Asked and worded by the grid's stage-age sidecar (a chunk), for the cards on screen.
  const [stageAgeLabels, setStageAgeLabels] = useState<StageAgeLabels>();
  const contextValue = useMemo(
    () => ({ ...context, columns: { ref: context.reference, entities, text: context.columnText }, closePanel, stageAges: stageAgeLabels }),
    [context, entities, closePanel, stageAgeLabels],
  );

  useEffect(() => {
    if (!focusPending.current) return;
    const row = rows[activeIndex];
    const card = row ? document.getElementById(cardDomId(row.original.id)) : null;
    // A card far away is drawn once the list has scrolled to it: the focus waits for that render.
    if (!card) return;
    focusPending.current = false;
    card.focus({ preventScroll: true });
  });

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    focusPending.current = true;
    setActiveIndex(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed inside a card's links, buttons or its open lead are theirs.
    const target = event.target as HTMLElement;
    if (target.tagName !== 'ARTICLE' || rows.length === 0) return;
    const pageCards = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? CARD_HEIGHT * 5) / CARD_HEIGHT) - 1);
    const handlers: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      PageDown: () => moveTo(activeIndex + pageCards),
      PageUp: () => moveTo(activeIndex - pageCards),
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

  return (
    <LeadsTableContext.Provider value={contextValue}>
      <div
        ref={scrollRef}
        role="feed"
        aria-label={c('cardsLabel')}
        data-testid="leads-cards"
        className={`${tableClasses.scroll} ${classes.feed}`}
        onKeyDown={handleKeyDown}
      >
        <div className={classes.cards} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <LeadCard
                key={row.id}
                row={row}
                index={item.index}
                setSize={setSize}
                start={item.start}
                height={CARD_HEIGHT}
                panelHeight={PANEL_HEIGHT}
                expanded={expandedIds.has(row.id)}
                active={item.index === activeIndex}
                pageLeads={pages[pageOf(pageStarts, item.index)] ?? EMPTY_PAGE}
                onActivate={setActiveIndex}
              />
            );
          })}
        </div>
        {stageAges && (
          <ChunkBoundary>
            <stageAgeChunk.Component rows={rows} firstIndex={firstIndex} lastIndex={lastIndex} onLabels={setStageAgeLabels} />
          </ChunkBoundary>
        )}
      </div>
    </LeadsTableContext.Provider>
  );
}
