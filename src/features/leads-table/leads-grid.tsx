// The table once its names are in: the loaded leads (sorted in the browser when asked), TanStack
// Table's state, and the body (rows or, on a phone, cards) with the status line under it. Each part
// is a hook or component of its own; this composes them.
import { Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { viewKey } from '@/kommo/view-key';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import type { LeadsChunk, StreamsProgress } from '@/lib/leads/leads-stream';
import { formatLocalSort } from '@/lib/url-state/leads-url-codec';
import type { LeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import { moveColumn, ROW_HEIGHTS } from '@/lib/leads-list/column-preferences';
import { leadColumnMessages } from '@/lib/leads-list/lead-column-messages';
import type { LeadReference } from '@/lib/reference-data/lead-reference';
import { accountTimePattern } from '@/lib/time/account-date-format';
import { ChunkBoundary } from '@/lib/ui/lazy-chunk';
import { ColumnChooser } from './columns/column-chooser';
import { useGridColumns } from './columns/use-grid-columns';
import type { ColumnPreferencesState } from './columns/use-column-preferences';
import { LeadsErrorView } from './states/leads-error-view';
import { LeadsStatusLine } from './states/leads-status-line';
import { LeadsEmptyState, LeadsLoadingSkeleton, LeadsTableSkeleton } from './states/leads-table-states';
import { LeadsTableBody } from './grid/leads-table-body';
import { useBrowserSort } from './sorting/use-browser-sort';
import { useHeaderSorting } from './sorting/use-header-sorting';
import { useTotalsInput } from './totals/use-totals-input';
import { leadsTableMessages } from './leads-table-messages';
import { LeadsGridNotices } from './leads-grid-notices';
import { useGridContext } from './use-grid-context';
import { useGridPaging } from './use-grid-paging';
import { useGridTable } from './use-grid-table';
import { useLoadedLeads } from './use-loaded-leads';
import { useViewExpansion } from './use-view-expansion';
import { usePanelPreload } from './panel/use-panel-preload';
import { leadCardsChunk } from './cards/lead-cards-chunk';

const PHONE_QUERY = '(max-width: 40em)';

export type LeadsGridProps = {
  reference: LeadReference;
  prefs: ColumnPreferencesState;
  leadsQuery: UseInfiniteQueryResult<InfiniteData<LeadsChunk, unknown>>;
  url: LeadsUrlQuery;
  progress: StreamsProgress | null;
  /** Reads the rest of a view the local copy answers into the list, at once. */
  readWholeLocalView: () => Promise<void>;
};

export function LeadsGrid({ reference, prefs, leadsQuery, url, progress, readWholeLocalView }: LeadsGridProps) {
  const t = useMessages(leadsTableMessages);
  const columnText = useMessages(leadColumnMessages);
  const { locale } = useLanguage();
  // The app's own view parameters (tasks=none) count too: a different post-filter is a different view.
  const resetKey = viewKey(url.query);
  const [expanded, setExpanded] = useViewExpansion(resetKey);
  const { columns, definitionOf, sortContext, columnVisibility } = useGridColumns(reference, columnText, prefs.visibility);
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError } = leadsQuery;
  const { loaded, pages: loadedPages, priceSum, unreadable, viewTotals } = useLoadedLeads(leadsQuery.data);
  // The copy holds the whole view: every column sorts at once, without Load all.
  const local = viewTotals !== null;
  const allLoaded = !leadsQuery.isPending && !hasNextPage && !leadsQuery.isError;
  const more = Boolean(hasNextPage);
  const browserSort = useBrowserSort({
    loaded,
    definitionOf,
    sortContext,
    locale,
    allLoaded,
    local,
    hasNextPage: more,
    isFetchingNextPage,
    readWholeLocalView,
  });
  const { sortColumn, appliedSort, sorted, sortedPages, setSort } = browserSort;
  const leads = sorted ?? loaded;
  const { pages, pageStarts } = sortedPages ?? loadedPages;
  // On a phone the leads are cards (leadCardsChunk), not a squeezed table.
  const phone = useMediaQuery(PHONE_QUERY) ?? false;
  const grid = useGridTable({ columns, leads, columnVisibility, prefs, expanded, setExpanded, t });
  const { table, expandedIds, orderedHeaders, allColumns, labelOf } = grid;
  // The totals row, shown while a summable column is.
  const totalIds = table
    .getVisibleLeafColumns()
    .filter((c) => c.columnDef.meta?.definition?.total)
    .map((c) => c.id);
  const totals = useTotalsInput({ totalIds, columns, leads: loaded, ctx: sortContext, wholeView: allLoaded });
  const { canLoadMore, searchingFurther, loadMore } = useGridPaging(leadsQuery, leads.length);
  const sorting = useHeaderSorting({ browserSort, url, definitionOf, labelOf, allLoaded, local, t });
  usePanelPreload();
  const context = useGridContext(reference, t, columnText, locale);
  const allIds = allColumns.map((c) => c.id);
  const visibleIds = new Set(orderedHeaders.map((h) => h.column.id));
  const bodyResetKey = appliedSort ? `${resetKey}#${formatLocalSort(appliedSort)}` : resetKey;
  const rows = table.getRowModel().rows;
  const paging = { pages, pageStarts, expandedIds, canLoadMore, loadMore, resetKey: bodyResetKey, context };

  return (
    <Stack gap={0} h="100%" style={{ minHeight: 0 }}>
      <LeadsGridNotices
        apiFilterDisabled={reference.account.is_api_filter_enabled === false}
        sortColumn={sortColumn}
        applied={appliedSort !== null}
        loaded={leads.length}
        labelOf={labelOf}
        onClearSort={() => setSort(null)}
        t={t}
      />
      {leadsQuery.isPending ? (
        <LeadsLoadingSkeleton progress={progress} t={t} />
      ) : leadsQuery.isError && leads.length === 0 ? (
        <LeadsErrorView error={leadsQuery.error} onRetry={() => void leadsQuery.refetch()} t={t} errorAt={leadsQuery.errorUpdatedAt} />
      ) : searchingFurther ? (
        <LeadsTableSkeleton label={t('searchingFurther')} showLabel />
      ) : leads.length === 0 ? (
        <LeadsEmptyState t={t} search={url.query.query} />
      ) : phone ? (
        // Under 640 px: cards, a chunk a wide screen never downloads.
        <ChunkBoundary fallback={<LeadsTableSkeleton label={t('statusLoadingView')} />}>
          <leadCardsChunk.Component rows={rows} setSize={more ? -1 : leads.length} stageAges={visibleIds.has('attention')} {...paging} />
        </ChunkBoundary>
      ) : (
        <LeadsTableBody
          rows={rows}
          headers={orderedHeaders}
          totalWidth={table.getTotalSize()}
          layoutKey={grid.layoutKey}
          rowHeight={ROW_HEIGHTS[prefs.density]}
          ariaRowCount={more ? -1 : leads.length + (totals ? 2 : 1)}
          sorting={sorting}
          needs={{ contacts: visibleIds.has('main_contact'), companies: visibleIds.has('company'), products: visibleIds.has('products') }}
          stageAges={visibleIds.has('attention')}
          totals={totals}
          {...paging}
        />
      )}
      {isFetchNextPageError && leads.length > 0 ? (
        <LeadsErrorView error={leadsQuery.error} onRetry={loadMore} t={t} laterPage errorAt={leadsQuery.errorUpdatedAt} />
      ) : null}
      <LeadsStatusLine
        loaded={leads.length}
        priceSum={priceSum}
        unreadable={unreadable}
        currency={reference.currency}
        locale={locale}
        timeZone={reference.timeZone}
        timePattern={accountTimePattern(reference.datePatterns)}
        hasMore={more}
        loadingMore={isFetchingNextPage}
        loadingView={leadsQuery.isPending || searchingFurther}
        t={t}
        view={viewTotals}
      >
        <ColumnChooser
          columns={allColumns}
          onMove={(id, delta) => prefs.setOrder((order) => moveColumn(order, allIds, id, delta))}
          density={prefs.density}
          onDensity={prefs.setDensity}
          onReset={prefs.reset}
          t={t}
        />
      </LeadsStatusLine>
    </Stack>
  );
}
