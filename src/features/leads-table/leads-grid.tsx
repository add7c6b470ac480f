// The table once its names are in: the loaded leads (sorted in the browser when asked), TanStack
// Table's state, and the body (rows or, on a phone, cards) with the status line under it.
import { Alert, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTable, type ColumnPinningState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo } from 'react';
import { viewKey } from '@/kommo/view-key';
import type { Lead } from '@/kommo/schemas';
import { useKommoLeadLink } from '@/lib/bridge/use-kommo-lead-link';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import type { LeadsChunk, StreamsProgress } from '@/lib/leads/leads-stream';
import { formatLocalSort } from '@/lib/url-state/leads-url-codec';
import type { LeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import { moveColumn, ROW_HEIGHTS } from '@/lib/leads-list/column-preferences';
import { leadColumnMessages } from '@/lib/leads-list/lead-column-messages';
import { EXPAND_COLUMN_ID, PINNED_COLUMN_ID } from '@/lib/leads-list/lead-column-registry';
import type { LeadReference } from '@/lib/reference-data/lead-reference';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';
import { ColumnChooser } from './columns/column-chooser';
import { columnLabel } from './columns/column-label';
import { useGridColumns } from './columns/use-grid-columns';
import type { ColumnPreferencesState } from './columns/use-column-preferences';
import { LeadsErrorView } from './states/leads-error-view';
import { LeadsStatusLine } from './states/leads-status-line';
import { LeadsEmptyState, LeadsLoadingSkeleton, LeadsTableSkeleton } from './states/leads-table-states';
import { LeadsTableBody } from './grid/leads-table-body';
import { useBrowserSort } from './sorting/use-browser-sort';
import { useHeaderSorting } from './sorting/use-header-sorting';
import { useTotalsInput } from './totals/use-totals-input';
import { leadsTableFeatures } from './leads-table-features';
import { leadsTableMessages } from './leads-table-messages';
import { useLoadedLeads } from './use-loaded-leads';
import { useViewExpansion } from './use-view-expansion';
import { usePanelPreload } from './panel/use-panel-preload';
import { leadCardsChunk } from './cards/lead-cards-chunk';

// Said only once a column is sorted in the browser: a chunk of its own.
const localSortNote = lazyChunk(() => import('./sorting/local-sort-note').then((m) => m.LocalSortNote));
const PHONE_QUERY = '(max-width: 40em)';
const PINNING: ColumnPinningState = { start: [EXPAND_COLUMN_ID, PINNED_COLUMN_ID], end: [] };
const getRowId = (lead: Lead) => String(lead.id);
const canExpand = () => true;

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
  const { query: urlQuery } = url;
  // The app's own view parameters (tasks=none) count too: a different post-filter is a different view.
  const resetKey = viewKey(urlQuery);
  const [expanded, setExpanded] = useViewExpansion(resetKey);

  const { columns, definitionOf, sortContext, columnVisibility } = useGridColumns(reference, columnText, prefs.visibility);
  const { data, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = leadsQuery;
  const { loaded, pages: loadedPages, priceSum, unreadable, viewTotals } = useLoadedLeads(data);
  // The copy holds the whole view: every column sorts at once, without Load all.
  const local = viewTotals !== null;
  const allLoaded = !leadsQuery.isPending && !hasNextPage && !leadsQuery.isError;
  const browserSort = useBrowserSort({
    loaded,
    definitionOf,
    sortContext,
    locale,
    allLoaded,
    local,
    hasNextPage: Boolean(hasNextPage),
    isFetchingNextPage,
    readWholeLocalView,
  });
  const { sortColumn, appliedSort, sorted, sortedPages, setSort } = browserSort;
  const leads = sorted ?? loaded;
  const { pages, pageStarts } = sortedPages ?? loadedPages;

  // On a phone the leads are cards (leadCardsChunk), not a squeezed table.
  const phone = useMediaQuery(PHONE_QUERY) ?? false;
  const table = useTable({
    features: leadsTableFeatures,
    columns,
    data: leads,
    getRowId,
    getRowCanExpand: canExpand,
    columnResizeMode: 'onChange',
    state: { columnVisibility, columnOrder: prefs.order, columnSizing: prefs.sizing, columnPinning: PINNING, expanded },
    onColumnVisibilityChange: prefs.setVisibility,
    onColumnOrderChange: prefs.setOrder,
    onColumnSizingChange: prefs.setSizing,
    onExpandedChange: setExpanded,
    autoResetExpanded: false,
  });

  // The totals row, shown while a summable column is.
  const totals = useTotalsInput({
    totalIds: table
      .getVisibleLeafColumns()
      .filter((c) => c.columnDef.meta?.definition?.total)
      .map((c) => c.id),
    columns,
    leads: loaded,
    ctx: sortContext,
    wholeView: allLoaded,
  });

  const expandedIds = useMemo(
    () => new Set(expanded === true ? leads.map(getRowId) : Object.keys(expanded).filter((k) => expanded[k])),
    [expanded, leads],
  );
  const headers = table.getFlatHeaders().filter((h) => h.column.getIsVisible());
  const orderedHeaders = [...headers.filter((h) => h.column.getIsPinned() === 'start'), ...headers.filter((h) => !h.column.getIsPinned())];
  const layoutKey = orderedHeaders.map((h) => `${h.id}:${h.getSize()}`).join(',');
  const rowHeight = ROW_HEIGHTS[prefs.density];
  const canLoadMore = Boolean(hasNextPage) && !isFetchingNextPage && !isFetchNextPageError;
  // A post-filtered view (tasks=none) can get a chunk with no row yet more to check: keep checking
  // instead of claiming the view is empty (each chunk is bounded in pages by the fetch layer).
  const searchingFurther = leads.length === 0 && Boolean(hasNextPage) && !isFetchNextPageError;
  useEffect(() => {
    if (searchingFurther && !isFetchingNextPage) void fetchNextPage();
  }, [searchingFurther, isFetchingNextPage, fetchNextPage]);
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const allColumns = table.getAllLeafColumns();
  const labelOf = useCallback(
    (id: string) => {
      const column = allColumns.find((c) => c.id === id);
      return column ? columnLabel(column, t) : id;
    },
    [allColumns, t],
  );
  const sorting = useHeaderSorting({ browserSort, url, definitionOf, labelOf, allLoaded, local, t });
  usePanelPreload();
  const kommoLink = useKommoLeadLink();
  const context = useMemo(
    () => ({
      reference,
      t,
      columnText,
      locale,
      kommoLink,
      display: { locale, timeZone: reference.timeZone, currency: reference.currency, patterns: reference.datePatterns },
    }),
    [reference, t, columnText, locale, kommoLink],
  );
  const allIds = allColumns.map((c) => c.id);
  const visibleIds = new Set(orderedHeaders.map((h) => h.column.id));
  const bodyResetKey = appliedSort ? `${resetKey}#${formatLocalSort(appliedSort)}` : resetKey;

  const chooser = (
    <ColumnChooser
      columns={allColumns}
      onMove={(id, delta) => prefs.setOrder((order) => moveColumn(order, allIds, id, delta))}
      density={prefs.density}
      onDensity={prefs.setDensity}
      onReset={prefs.reset}
      t={t}
    />
  );

  return (
    <Stack gap={0} h="100%" style={{ minHeight: 0 }}>
      {reference.account.is_api_filter_enabled === false ? (
        <Alert color="yellow" m="xs" role="note">
          {t('apiFilterDisabled')}
        </Alert>
      ) : null}
      {sortColumn && leads.length > 0 ? (
        <ChunkBoundary>
          <localSortNote.Component
            column={labelOf(sortColumn.column)}
            direction={sortColumn.direction}
            applied={appliedSort !== null}
            loaded={leads.length}
            onClear={() => setSort(null)}
            t={t}
          />
        </ChunkBoundary>
      ) : null}
      {leadsQuery.isPending ? (
        <LeadsLoadingSkeleton progress={progress} t={t} />
      ) : leadsQuery.isError && leads.length === 0 ? (
        <LeadsErrorView error={leadsQuery.error} onRetry={() => void leadsQuery.refetch()} t={t} errorAt={leadsQuery.errorUpdatedAt} />
      ) : searchingFurther ? (
        <LeadsTableSkeleton label={t('searchingFurther')} showLabel />
      ) : leads.length === 0 ? (
        <LeadsEmptyState t={t} search={urlQuery.query} />
      ) : phone ? (
        // Under 640 px: cards, a chunk a wide screen never downloads.
        <ChunkBoundary fallback={<LeadsTableSkeleton label={t('statusLoadingView')} />}>
          <leadCardsChunk.Component
            rows={table.getRowModel().rows}
            pages={pages}
            pageStarts={pageStarts}
            expandedIds={expandedIds}
            setSize={hasNextPage ? -1 : leads.length}
            canLoadMore={canLoadMore}
            loadMore={loadMore}
            resetKey={bodyResetKey}
            context={context}
          />
        </ChunkBoundary>
      ) : (
        <LeadsTableBody
          rows={table.getRowModel().rows}
          headers={orderedHeaders}
          totalWidth={table.getTotalSize()}
          layoutKey={layoutKey}
          rowHeight={rowHeight}
          pages={pages}
          pageStarts={pageStarts}
          expandedIds={expandedIds}
          ariaRowCount={hasNextPage ? -1 : leads.length + (totals ? 2 : 1)}
          canLoadMore={canLoadMore}
          loadMore={loadMore}
          resetKey={bodyResetKey}
          sorting={sorting}
          needs={{ contacts: visibleIds.has('main_contact'), companies: visibleIds.has('company'), products: visibleIds.has('products') }}
          context={context}
          totals={totals}
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
        hasMore={Boolean(hasNextPage)}
        loadingMore={isFetchingNextPage}
        loadingView={leadsQuery.isPending || searchingFurther}
        t={t}
        view={viewTotals}
      >
        {chooser}
      </LeadsStatusLine>
    </Stack>
  );
}
