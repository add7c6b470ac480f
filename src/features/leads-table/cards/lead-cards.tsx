// The leads on a phone (under 640 px): a feed of cards instead of a squeezed table, with the grid's
// virtualization (fixed-height cards, an open lead adds the panel's height), its keyboard (arrows,
// Page Up/Down, Home/End move between cards; Enter or Space opens the lead; Esc in it closes it) and
// its paging (the next page is asked for before the end): the grid's own hooks (use-row-window,
// use-grid-keyboard, use-close-panel), with the cards' height and no header.
import type { Row } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { useMessages } from '@/lib/i18n/language-context';
import { usePageEntities } from '@/features/leads-table/grid/use-page-entities';
import { pageOf } from '@/features/leads-table/grid/page-of';
import { usePagesInView } from '@/features/leads-table/grid/use-pages-in-view';
import { useClosePanel } from '@/features/leads-table/grid/use-close-panel';
import { useGridKeyboard } from '@/features/leads-table/grid/use-grid-keyboard';
import { PANEL_HEIGHT, useRowWindow } from '@/features/leads-table/grid/use-row-window';
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
const onCard = (event: KeyboardEvent<HTMLDivElement>) => (event.target as HTMLElement).tagName === 'ARTICLE';

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

export function LeadCards({ rows, pages, pageStarts, expandedIds, setSize, canLoadMore, loadMore, resetKey, context, stageAges }: LeadCardsProps) {
  const c = useMessages(leadCardsMessages);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  // Set by a key press: the next render moves the focus to the new active card.
  const focusPending = useRef(false);
  const { virtualizer, items, firstIndex, lastIndex } = useRowWindow({
    scrollRef,
    rows,
    rowHeight: CARD_HEIGHT,
    expandedIds,
    activeIndex,
    canLoadMore,
    loadMore,
    topInset: 0,
    overscan: OVERSCAN,
  });

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setActiveIndex(0);
  }, [resetKey]);

  const pagesInView = usePagesInView(pages, pageStarts, firstIndex, lastIndex);
  // Cards always name the main contact (with its phone), whatever columns the table would show.
  const entities = usePageEntities(pagesInView, CONTACTS_ONLY);

  const closePanel = useClosePanel(rows, setActiveIndex, (leadId) => document.getElementById(cardDomId(leadId))?.focus({ preventScroll: true }));
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

  const onMove = useCallback(() => {
    focusPending.current = true;
  }, []);
  const { handleKeyDown } = useGridKeyboard({
    scrollRef,
    rows,
    rowHeight: CARD_HEIGHT,
    virtualizer,
    activeIndex,
    setActiveIndex,
    topInset: 0,
    fallbackRows: 5,
    // Keys typed inside a card's links, buttons or its open lead are theirs.
    ownsKey: onCard,
    onMove,
  });

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
