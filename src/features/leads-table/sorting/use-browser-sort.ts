import { useEffect, useMemo } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import type { ColumnContext } from '@/lib/leads-list/column-context';
import type { LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import type { LocalSort } from '@/lib/url-state/leads-url-codec';
import { useLocalSort, type LocalSortState } from '@/lib/url-state/use-leads-url-query';
import { toPages, type LeadPages } from '@/features/leads-table/grid/to-pages';
import { isLocallySortable, sortLeads } from './local-sort';

export type BrowserSortInput = {
  loaded: readonly Lead[];
  definitionOf: (id: string) => LeadColumnDefinition | null;
  sortContext: ColumnContext;
  locale: string;
  /** Nothing more to load: the loaded leads are the whole view. */
  allLoaded: boolean;
  /** The local copy answers the view: it is whole in one read. */
  local: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** Reads the rest of a view the local copy answers into the list, at once. */
  readWholeLocalView: () => Promise<void>;
};

export type BrowserSort = {
  /** The sort the URL asks for, sortable or not. */
  askedSort: LocalSort | null;
  setSort: LocalSortState['setSort'];
  /** The asked sort when its column sorts in the browser. */
  sortColumn: LocalSort | null;
  /** The sort in effect: only once the whole view is here. */
  appliedSort: LocalSort | null;
  /** The sorted leads and their pages, while a sort is applied. */
  sorted: Lead[] | null;
  sortedPages: LeadPages | null;
};

/** Any column sorts in the browser once the whole view is here; before that only Kommo's orders. */
export function useBrowserSort({
  loaded,
  definitionOf,
  sortContext,
  locale,
  allLoaded,
  local,
  hasNextPage,
  isFetchingNextPage,
  readWholeLocalView,
}: BrowserSortInput): BrowserSort {
  const { sort: askedSort, setSort } = useLocalSort();
  const askedDefinition = askedSort ? definitionOf(askedSort.column) : null;
  const sortColumn = askedSort && isLocallySortable(askedDefinition) ? askedSort : null;
  const appliedSort = allLoaded ? sortColumn : null;
  // The copy holds the whole view: every column sorts at once, without Load all.
  const wantsWholeLocalView = local && sortColumn !== null && hasNextPage && !isFetchingNextPage;
  useEffect(() => {
    if (wantsWholeLocalView) void readWholeLocalView();
  }, [wantsWholeLocalView, readWholeLocalView]);
  const sortDefinition = appliedSort ? askedDefinition : null;
  const sorted = useMemo(
    () => (appliedSort && sortDefinition ? sortLeads(loaded, appliedSort, sortDefinition, sortContext, locale) : null),
    [appliedSort, sortDefinition, loaded, sortContext, locale],
  );
  const sortedPages = useMemo(() => (sorted ? toPages(sorted) : null), [sorted]);
  return { askedSort, setSort, sortColumn, appliedSort, sorted, sortedPages };
}
