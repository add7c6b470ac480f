import { Button, Group, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import { ChunkBoundary, ChunkPending, lazyChunk } from '@/lib/ui/lazy-chunk';
import { useLeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import { ActiveFilterChips } from './active-filter-chips';
import { CopyLinkButton } from './copy-link-button';
import { buildFilterChips } from './filter-chips';
import { filtersMessages } from './filters-messages';
import { QuickFiltersBar } from './quick-filters-bar';
import { quickState } from './quick-filters';
import { viewKey } from '@/kommo/view-key';
import { useFilterReference } from './use-filter-reference';

// The form (react-hook-form, Mantine's date pickers and their styles) is its own chunk: the first
// screen is the table, and the drawer opens on demand. Pointing at the button, or a few idle
// seconds after start, fetches it ahead of the click.
const filterPanel = lazyChunk(() => import('./filter-panel').then((m) => m.FilterPanel));
// The phone's "More" drawer (Mantine's Drawer, its overlay, focus trap and scroll lock) likewise:
// the first screen shows only its button. Fetched on pointing at the button or after the same idle delay.
const moreDrawer = lazyChunk(() => import('@/lib/ui/side-drawer').then((m) => m.SideDrawer));
// What a link held that the view could not apply: only a bad link draws it, so it is a chunk too.
const urlNotice = lazyChunk(() => import('./url-notice').then((m) => m.UrlNotice));
const PRELOAD_AFTER_MS = 4000;
const PHONE_QUERY = '(max-width: 40em)';
// From 1280 px the toolbar keeps one line (the search and the pipeline give up width first), so the table never moves down.
const WIDE_QUERY = '(min-width: 80em)';
const NO_SHRINK = { flexShrink: 0 } as const;

export type FiltersBarProps = {
  /** Extra actions next to the filter button (the app shell puts saved views here). */
  actions?: ReactNode;
};

/** Above the table: the filter button and panel, copy link, active chips and the URL notice. */
export function FiltersBar({ actions }: FiltersBarProps) {
  const t = useMessages(filtersMessages);
  const { query, issues, setQuery } = useLeadsUrlQuery();
  const reference = useFilterReference();
  const [opened, setOpened] = useState(false);
  // Mounted from the first opening on, so the drawer can animate its closing.
  const [mounted, setMounted] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  // Phones: the search stays in the bar, the quick toggles and the actions fold into "More".
  const phone = useMediaQuery(PHONE_QUERY) ?? false;
  const wide = useMediaQuery(WIDE_QUERY) ?? false;
  const [moreOpened, setMoreOpened] = useState(false);
  // Mounted from the first opening on, then kept: load all's progress and the views menu live in it.
  const [moreMounted, setMoreMounted] = useState(false);
  // While a chunk asked for by a click downloads, its button says so (a spinner beside it would push the layout).
  const [panelPending, setPanelPending] = useState(false);
  const [morePending, setMorePending] = useState(false);
  // A choice in the sheet (a toggle, a view) changes the view: the sheet closes so the list shows its effect.
  const currentView = viewKey(query);
  const [sheetView, setSheetView] = useState(currentView);
  if (sheetView !== currentView) {
    setSheetView(currentView);
    setMoreOpened(false);
  }
  // "More (2)": the sheet's toggles that are on, as "Filters (3)" counts the filters.
  const quick = quickState(query, reference.users, reference.pipelines, reference.currentUserId);
  const moreCount = [quick.me, quick.team, quick.pipelineId !== null, quick.openOnly].filter(Boolean).length;
  const { locale } = useLanguage();
  const chips = useMemo(() => buildFilterChips(query, reference, t, locale), [query, reference, t, locale]);
  // The badge counts the filters among the chips ("Also load" is not one), so "Filters (3)" has three filter chips under it.
  const count = chips.filter((c) => c.counts !== false).length;
  useEffect(() => {
    const timer = setTimeout(() => {
      filterPanel.preload();
      if (phone) moreDrawer.preload();
    }, PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, [phone]);
  const open = () => {
    setMounted(true);
    setOpened(true);
  };
  // Closed by Apply, Esc, the close button or a click outside: the keyboard goes on from Filters.
  const close = () => {
    setOpened(false);
    buttonRef.current?.focus();
  };
  const filtersButton = (
    <Button
      ref={buttonRef}
      size="xs"
      onClick={open}
      onPointerEnter={filterPanel.preload}
      onFocus={filterPanel.preload}
      loading={panelPending}
      aria-haspopup="dialog"
      // Its count is read whole: the search and the pipeline give way instead.
      style={NO_SHRINK}
    >
      {count ? t('openFiltersCount', { count }) : t('openFilters')}
    </Button>
  );
  return (
    <Stack gap="xs">
      {phone ? (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          {filtersButton}
          <QuickFiltersBar query={query} reference={reference} onChange={setQuery} part="search" />
          <Button
            ref={moreRef}
            size="xs"
            variant="default"
            onClick={() => {
              setMoreMounted(true);
              setMoreOpened(true);
            }}
            onPointerEnter={moreDrawer.preload}
            onFocus={moreDrawer.preload}
            loading={morePending}
            aria-haspopup="dialog"
          >
            {moreCount ? t('moreActionsCount', { count: moreCount }) : t('moreActions')}
          </Button>
        </Group>
      ) : (
        <Group gap={6} align="flex-start" data-testid="toolbar" wrap={wide ? 'nowrap' : 'wrap'}>
          {filtersButton}
          <QuickFiltersBar query={query} reference={reference} onChange={setQuery} oneLine={wide} />
          {/* The actions keep their width on one line; the search and the pipeline give way first. */}
          <Group gap={6} align="flex-start" wrap={wide ? 'nowrap' : 'wrap'} style={NO_SHRINK}>
            {actions}
            <CopyLinkButton />
          </Group>
        </Group>
      )}
      {/* The phone's drawer sits here rather than in the one-row toolbar: a failed download's message needs the width. */}
      {phone && moreMounted ? (
        <ChunkBoundary fallback={<ChunkPending onPending={setMorePending} />}>
          <moreDrawer.Component
            opened={moreOpened}
            onClose={() => setMoreOpened(false)}
            title={t('moreTitle')}
            position="bottom"
            size="auto"
            closeLabel={t('close')}
            keepMounted
            // Closed by Esc, × or a choice inside it, the sheet hides the control that had the keyboard: it goes on from More.
            returnFocusTo={moreRef}
          >
            <Stack gap="sm" pb="md">
              <QuickFiltersBar query={query} reference={reference} onChange={setQuery} part="toggles" />
              <Group gap="xs">
                {actions}
                <CopyLinkButton />
              </Group>
            </Stack>
          </moreDrawer.Component>
        </ChunkBoundary>
      ) : null}
      {issues.length > 0 ? (
        <ChunkBoundary>
          <urlNotice.Component issues={issues} />
        </ChunkBoundary>
      ) : null}
      <ActiveFilterChips chips={chips} onChange={setQuery} oneLine={phone} />
      {mounted ? (
        <ChunkBoundary fallback={<ChunkPending onPending={setPanelPending} />}>
          <filterPanel.Component opened={opened} onClose={close} query={query} reference={reference} onApply={setQuery} />
        </ChunkBoundary>
      ) : null}
    </Stack>
  );
}
