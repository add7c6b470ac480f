import { Button, Group, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLanguage, useMessages } from '../../lib/i18n/language-context';
import { SideDrawer } from '../../lib/ui/side-drawer';
import { useLeadsUrlQuery } from '../../lib/url-state/use-leads-url-query';
import { ActiveFilterChips } from './active-filter-chips';
import { CopyLinkButton } from './copy-link-button';
import { buildFilterChips } from './filter-chips';
import { filtersMessages } from './filters-messages';
import { QuickFiltersBar } from './quick-filters-bar';
import { UrlNotice } from './url-notice';
import { useFilterReference } from './use-filter-reference';

// The form (react-hook-form, Mantine's date pickers and their styles) is its own chunk: the first
// screen is the table, and the drawer opens on demand. Pointing at the button, or a few idle
// seconds after start, fetches it ahead of the click.
const loadFilterPanel = () => import('./filter-panel');
const FilterPanel = lazy(() => loadFilterPanel().then((m) => ({ default: m.FilterPanel })));
const PRELOAD_AFTER_MS = 4000;
const PHONE_QUERY = '(max-width: 40em)';

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
  // Phones: the search stays in the bar, the quick toggles and the actions fold into "More".
  const phone = useMediaQuery(PHONE_QUERY) ?? false;
  const [moreOpened, setMoreOpened] = useState(false);
  const { locale } = useLanguage();
  const chips = useMemo(() => buildFilterChips(query, reference, t, locale), [query, reference, t, locale]);
  // The badge counts what the chips show, so "Filters (3)" has three chips under it.
  const count = chips.length;
  useEffect(() => {
    const timer = setTimeout(() => void loadFilterPanel(), PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
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
      onPointerEnter={() => void loadFilterPanel()}
      onFocus={() => void loadFilterPanel()}
      aria-haspopup="dialog"
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
          <Button size="xs" variant="default" onClick={() => setMoreOpened(true)} aria-haspopup="dialog">
            {t('moreActions')}
          </Button>
          {/* Kept mounted: load all's progress and the views menu live in it. */}
          <SideDrawer
            opened={moreOpened}
            onClose={() => setMoreOpened(false)}
            title={t('moreTitle')}
            position="bottom"
            size="auto"
            closeLabel={t('close')}
            keepMounted
          >
            <Stack gap="sm" pb="md">
              <QuickFiltersBar query={query} reference={reference} onChange={setQuery} part="toggles" />
              <Group gap="xs">
                {actions}
                <CopyLinkButton />
              </Group>
            </Stack>
          </SideDrawer>
        </Group>
      ) : (
        <Group gap="xs" align="flex-start">
          {filtersButton}
          <QuickFiltersBar query={query} reference={reference} onChange={setQuery} />
          {actions}
          <CopyLinkButton />
        </Group>
      )}
      <UrlNotice issues={issues} />
      <ActiveFilterChips chips={chips} onChange={setQuery} />
      {mounted ? (
        <Suspense fallback={null}>
          <FilterPanel opened={opened} onClose={close} query={query} reference={reference} onApply={setQuery} />
        </Suspense>
      ) : null}
    </Stack>
  );
}
