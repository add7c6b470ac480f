import { Button, Group, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useMessages } from '../../lib/i18n/language-context';
import { useLeadsUrlQuery } from '../../lib/url-state/use-leads-url-query';
import { ActiveFilterChips } from './active-filter-chips';
import { CopyLinkButton } from './copy-link-button';
import { countActiveFilters } from './filter-form-values';
import { FilterPanel } from './filter-panel';
import { filtersMessages } from './filters-messages';
import { UrlNotice } from './url-notice';
import { useFilterReference } from './use-filter-reference';

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
  const count = countActiveFilters(query);
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-start">
        <Button size="xs" onClick={() => setOpened(true)} aria-haspopup="dialog">
          {count ? t('openFiltersCount', { count }) : t('openFilters')}
        </Button>
        {actions}
        <CopyLinkButton />
      </Group>
      <UrlNotice issues={issues} />
      <ActiveFilterChips query={query} reference={reference} onChange={setQuery} />
      <FilterPanel opened={opened} onClose={() => setOpened(false)} query={query} reference={reference} onApply={setQuery} />
    </Stack>
  );
}
