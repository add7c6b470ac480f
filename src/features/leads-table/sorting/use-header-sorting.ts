import { useMemo } from 'react';
import { ORDER_FIELDS, type OrderField } from '@/kommo/leads-query';
import type { LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import { effectiveOrder } from '@/lib/leads/leads-order';
import type { LocalSort } from '@/lib/url-state/leads-url-codec';
import type { LeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import type { HeaderSorting } from '@/features/leads-table/grid/leads-table-header';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';
import type { BrowserSort } from './use-browser-sort';
import { firstSortDirection, isLocallySortable } from './local-sort';

const isOrderField = (id: string): id is OrderField => (ORDER_FIELDS as readonly string[]).includes(id);

export type HeaderSortingInput = {
  browserSort: BrowserSort;
  url: LeadsUrlQuery;
  definitionOf: (id: string) => LeadColumnDefinition | null;
  labelOf: (id: string) => string;
  allLoaded: boolean;
  local: boolean;
  t: LeadsTableT;
};

/**
 * The header's sort buttons: Kommo's orders (id, created, updated) until the whole view is here,
 * then every sortable column in the browser; a Kommo order replaces any browser sort.
 */
export function useHeaderSorting({ browserSort, url, definitionOf, labelOf, allLoaded, local, t }: HeaderSortingInput): HeaderSorting {
  const { appliedSort, sortColumn, askedSort, setSort } = browserSort;
  const { query: urlQuery, setQuery } = url;
  const serverOrder = effectiveOrder(urlQuery.order);
  return useMemo<HeaderSorting>(
    () => ({
      stateOf: (id) => {
        const sortable = isLocallySortable(definitionOf(id));
        if (appliedSort) return sortable ? { direction: appliedSort.column === id ? appliedSort.direction : null } : null;
        if (isOrderField(id)) return { direction: serverOrder.field === id ? serverOrder.direction : null };
        if (!sortable) return null;
        return { direction: null, hint: allLoaded || local ? undefined : t('sortServerOnly', { column: labelOf(id) }) };
      },
      onSort: (id) => {
        if (!appliedSort && isOrderField(id)) {
          const direction = serverOrder.field === id && serverOrder.direction === 'desc' ? 'asc' : 'desc';
          // Kommo's order replaces any browser sort: one history entry (the sort is dropped in place).
          if (askedSort) setSort(null, { replace: true });
          setQuery({ ...urlQuery, order: { field: id, direction } });
          return;
        }
        const definition = definitionOf(id);
        if (!isLocallySortable(definition)) return;
        const current = appliedSort ?? sortColumn;
        const direction: LocalSort['direction'] =
          current?.column === id ? (current.direction === 'desc' ? 'asc' : 'desc') : firstSortDirection(definition);
        setSort({ column: id, direction });
      },
    }),
    [appliedSort, sortColumn, askedSort, serverOrder, allLoaded, local, urlQuery, setQuery, setSort, definitionOf, labelOf, t],
  );
}
