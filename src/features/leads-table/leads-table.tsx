// The leads table: URL query + visible columns -> one infinite query -> TanStack Table -> the
// virtualized body. Reference data (names) must be there first; it is fetched once per session.
import { Alert, Stack } from '@mantine/core';
import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTable, type ColumnPinningState, type ExpandedState, type Updater } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OrderField } from '../../kommo/leads-query';
import type { Lead } from '../../kommo/schemas';
import { useKommoClient } from '../../lib/api/kommo-client-context';
import { leadQueries } from '../../lib/api/lead-queries';
import { useLanguage, useMessages } from '../../lib/i18n/language-context';
import type { LeadsChunk } from '../../lib/api/leads-stream';
import { encodeViewSearch } from '../../lib/url-state/leads-url-codec';
import { useLeadsUrlQuery, type LeadsUrlQuery } from '../../lib/url-state/use-leads-url-query';
import { ColumnChooser } from './column-chooser';
import { moveColumn, ROW_HEIGHTS } from '../../lib/leads-list/column-preferences';
import { defaultCustomFieldVisibility, EXPAND_COLUMN_ID, PINNED_COLUMN_ID } from '../../lib/leads-list/lead-column-registry';
import { useLeadsListQuery } from '../../lib/leads-list/use-leads-list-query';
import type { LeadReference } from '../../lib/reference/lead-reference';
import { BASE_COLUMNS, buildCustomFieldColumns } from './leads-columns';
import { LeadsErrorView } from './leads-error-view';
import { LeadsStatusLine } from './leads-status-line';
import { LeadsTableBody } from './leads-table-body';
import { leadsTableFeatures } from './leads-table-features';
import { leadsTableMessages } from './leads-table-messages';
import { LeadsEmptyState, LeadsTableSkeleton } from './leads-table-states';
import { useColumnPreferences, type ColumnPreferencesState } from './use-column-preferences';
import { useLeadReference } from './use-lead-reference';

const EMPTY_LEADS: Lead[] = [];
const EMPTY_PAGES: Lead[][] = [];
const NOTHING_EXPANDED: ExpandedState = {};
const PINNING: ColumnPinningState = { start: [EXPAND_COLUMN_ID, PINNED_COLUMN_ID], end: [] };
const getRowId = (lead: Lead) => String(lead.id);
const canExpand = () => true;

/** The leads table with its own states; the app shell places it as the main content. */
export function LeadsTable() {
  const t = useMessages(leadsTableMessages);
  const client = useKommoClient();
  const url = useLeadsUrlQuery();
  const prefs = useColumnPreferences();
  const listQuery = useLeadsListQuery();
  // Started in parallel with the reference data, not after it.
  const leadsQuery = useInfiniteQuery(leadQueries.list(client, listQuery));
  const { reference, error, refetch } = useLeadReference();
  // Both failed together (a 403 blocks every call): one retry resumes both.
  const retryAll = () => {
    refetch();
    if (leadsQuery.isError) void leadsQuery.refetch();
  };
  if (!reference && error) return <LeadsErrorView error={error} onRetry={retryAll} t={t} />;
  if (!reference) return <LeadsTableSkeleton label={t('statusLoading')} />;
  return <LeadsGrid reference={reference} prefs={prefs} leadsQuery={leadsQuery} url={url} />;
}

type LeadsGridProps = {
  reference: LeadReference;
  prefs: ColumnPreferencesState;
  leadsQuery: UseInfiniteQueryResult<InfiniteData<LeadsChunk, unknown>>;
  url: LeadsUrlQuery;
};

function LeadsGrid({ reference, prefs, leadsQuery, url }: LeadsGridProps) {
  const t = useMessages(leadsTableMessages);
  const { locale } = useLanguage();
  const { query: urlQuery, setQuery } = url;
  const { with: _with, ...viewQuery } = urlQuery;
  // The app's own view parameters (tasks=none) count too: a different post-filter is a different view.
  const resetKey = encodeViewSearch(viewQuery);
  // Open rows survive the next page arriving (TanStack would reset them on every data change) and
  // close when the view itself changes: the state remembers which view it belongs to.
  const [expansion, setExpansion] = useState<{ view: string; expanded: ExpandedState }>({ view: resetKey, expanded: {} });
  const expanded = expansion.view === resetKey ? expansion.expanded : NOTHING_EXPANDED;
  const setExpanded = useCallback(
    (updater: Updater<ExpandedState>) =>
      setExpansion((prev) => {
        const current = prev.view === resetKey ? prev.expanded : NOTHING_EXPANDED;
        return { view: resetKey, expanded: typeof updater === 'function' ? updater(current) : updater };
      }),
    [resetKey],
  );

  const columns = useMemo(() => [...BASE_COLUMNS, ...buildCustomFieldColumns(reference.customFields)], [reference.customFields]);
  const defaultVisibility = useMemo(() => defaultCustomFieldVisibility(reference.customFields), [reference.customFields]);
  const columnVisibility = useMemo(() => ({ ...defaultVisibility, ...prefs.visibility }), [defaultVisibility, prefs.visibility]);
  const { data, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = leadsQuery;

  const pages = useMemo(() => data?.pages.map((p) => p.leads) ?? EMPTY_PAGES, [data]);
  const { leads, pageStarts, priceSum } = useMemo(() => {
    if (pages.length === 0) return { leads: EMPTY_LEADS, pageStarts: [0], priceSum: 0 };
    const starts: number[] = [];
    let offset = 0;
    for (const page of pages) {
      starts.push(offset);
      offset += page.length;
    }
    const all = pages.flat();
    return { leads: all, pageStarts: starts, priceSum: all.reduce((sum, l) => sum + (l.price ?? 0), 0) };
  }, [pages]);

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

  const expandedIds = useMemo(() => new Set(expanded === true ? leads.map(getRowId) : Object.keys(expanded).filter((k) => expanded[k])), [expanded, leads]);
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
  const handleSort = useCallback(
    (field: OrderField) => {
      const direction = urlQuery.order?.field === field && urlQuery.order.direction === 'desc' ? 'asc' : 'desc';
      setQuery({ ...urlQuery, order: { field, direction } });
    },
    [setQuery, urlQuery],
  );
  const context = useMemo(() => ({ reference, t, locale }), [reference, t, locale]);
  const allColumns = table.getAllLeafColumns();
  const allIds = allColumns.map((c) => c.id);
  const visibleIds = new Set(orderedHeaders.map((h) => h.column.id));

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
      {leadsQuery.isPending ? (
        <LeadsTableSkeleton label={t('statusLoading')} />
      ) : leadsQuery.isError && leads.length === 0 ? (
        <LeadsErrorView error={leadsQuery.error} onRetry={() => void leadsQuery.refetch()} t={t} errorAt={leadsQuery.errorUpdatedAt} />
      ) : searchingFurther ? (
        <LeadsTableSkeleton label={t('searchingFurther')} showLabel />
      ) : leads.length === 0 ? (
        <LeadsEmptyState t={t} />
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
          ariaRowCount={hasNextPage ? -1 : leads.length + 1}
          canLoadMore={canLoadMore}
          loadMore={loadMore}
          resetKey={resetKey}
          order={urlQuery.order}
          onSort={handleSort}
          needContacts={visibleIds.has('main_contact')}
          needCompanies={visibleIds.has('company')}
          context={context}
        />
      )}
      {isFetchNextPageError && leads.length > 0 ? (
        <LeadsErrorView error={leadsQuery.error} onRetry={loadMore} t={t} laterPage errorAt={leadsQuery.errorUpdatedAt} />
      ) : null}
      <LeadsStatusLine loaded={leads.length} priceSum={priceSum} currency={reference.currency} locale={locale} hasMore={Boolean(hasNextPage)} loadingMore={isFetchingNextPage} t={t}>
        {chooser}
      </LeadsStatusLine>
    </Stack>
  );
}
