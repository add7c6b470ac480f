// The leads table: URL query + visible columns -> one infinite query -> TanStack Table -> the
// virtualized body. It draws once the names the visible columns need are in (see useLeadReference).
import { accountTimePattern } from '@/lib/time/account-date-format';
import { Alert, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQueryClient, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTable, type ColumnPinningState, type ExpandedState, type Updater } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ORDER_FIELDS, type OrderField } from '@/kommo/leads-query';
import { viewKey } from '@/kommo/view-key';
import type { Lead } from '@/kommo/lead-schema';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { useKommoLeadLink } from '@/lib/bridge/use-kommo-lead-link';
import { leadQueries } from '@/lib/leads/lead-queries';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import { effectiveOrder } from '@/lib/leads/leads-order';
import { hasSeveralStages, STREAM_PAGE_SIZE, type LeadsChunk, type StreamsProgress } from '@/lib/leads/leads-stream';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';
import { formatLocalSort, type LocalSort } from '@/lib/url-state/leads-url-codec';
import { useLeadsUrlQuery, useLocalSort, type LeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
// The list's source (live or the local copy) comes from the one hook; a local chunk carries the whole view's totals.
import { useViewSource } from '@/lib/local-copy/use-view-source';
import { ColumnChooser } from './columns/column-chooser';
import { columnLabel } from './columns/column-label';
import { moveColumn, ROW_HEIGHTS } from '@/lib/leads-list/column-preferences';
import { NO_ENTITIES, type ColumnContext } from '@/lib/leads-list/column-context';
import { defaultCustomFieldVisibility } from '@/lib/leads-list/custom-field-columns';
import { leadColumnMessages } from '@/lib/leads-list/lead-column-messages';
import { EXPAND_COLUMN_ID, PINNED_COLUMN_ID, type LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import { isListQueryResolved, useLeadsListQuery } from '@/lib/leads-list/use-leads-list-query';
import type { LeadReference } from '@/lib/reference-data/lead-reference';
import { buildLeadColumns } from './columns/leads-columns';
import { LeadsErrorView } from './states/leads-error-view';
import { LeadsStatusLine } from './states/leads-status-line';
import { LeadsTableBody } from './grid/leads-table-body';
import type { TotalsInput } from './totals/leads-table-totals';
import type { HeaderSorting } from './grid/leads-table-header';
import { firstSortDirection, isLocallySortable, sortLeads } from './sorting/local-sort';
import { leadsTableFeatures } from './leads-table-features';
import { leadsTableMessages, type LeadsTableT } from './leads-table-messages';
import { LeadsEmptyState, LeadsTableSkeleton } from './states/leads-table-states';
import { useColumnPreferences, type ColumnPreferencesState } from './columns/use-column-preferences';
import { useLeadReference } from './use-lead-reference';
import { leadPanelChunk } from './panel/lead-panel-chunk';
import { leadCardsChunk } from './cards/lead-cards-chunk';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';

// Said only once a column is sorted in the browser: a chunk of its own.
const localSortNote = lazyChunk(() => import('./sorting/local-sort-note').then((m) => m.LocalSortNote));
const EMPTY_LEADS: Lead[] = [];
const PHONE_QUERY = '(max-width: 40em)';
const EMPTY_PAGES: Lead[][] = [];
const NOTHING_EXPANDED: ExpandedState = {};
const PINNING: ColumnPinningState = { start: [EXPAND_COLUMN_ID, PINNED_COLUMN_ID], end: [] };
const getRowId = (lead: Lead) => String(lead.id);
const isOrderField = (id: string): id is OrderField => (ORDER_FIELDS as readonly string[]).includes(id);

/** The sorted list cut into pages of the stream's size, so contacts and companies still load per page in view. */
function toPages(leads: readonly Lead[]): { pages: Lead[][]; pageStarts: number[] } {
  const pages: Lead[][] = [];
  const pageStarts: number[] = [];
  for (let start = 0; start < leads.length; start += STREAM_PAGE_SIZE) {
    pageStarts.push(start);
    pages.push(leads.slice(start, start + STREAM_PAGE_SIZE));
  }
  return { pages, pageStarts: pageStarts.length > 0 ? pageStarts : [0] };
}
const canExpand = () => true;

const PANEL_PRELOAD_AFTER_MS = 4000;
const PIPELINES = ['pipelines'] as const;

/** The leads table with its own states; the app shell places it as the main content. */
export function LeadsTable() {
  const t = useMessages(leadsTableMessages);
  const client = useKommoClient();
  const url = useLeadsUrlQuery();
  const prefs = useColumnPreferences();
  const listQuery = useLeadsListQuery();
  // A selection of several stages waits for the pipelines (one quick request of the first batch) to
  // send whole pipelines as one stream; any other list starts in parallel with the reference data.
  // An "open leads only" rule waits for them in any case: they say which stages it means.
  const pipelines = useReferenceData(PIPELINES);
  const needsPipelines =
    (!isListQueryResolved(listQuery) || hasSeveralStages(listQuery)) && !pipelines.data.pipelines && !pipelines.failed.has('pipelines');
  // Progress remembers its view, so a previous view's count never shows on the next one.
  const listViewKey = viewKey(listQuery);
  const [streams, setStreams] = useState<{ view: string; progress: StreamsProgress } | null>(null);
  const onProgress = useCallback((p: StreamsProgress) => setStreams({ view: listViewKey, progress: p }), [listViewKey]);
  const progress = streams?.view === listViewKey && streams.progress.loaded < streams.progress.total ? streams.progress : null;
  const viewSource = useViewSource(listQuery);
  const { source } = viewSource;
  const listOptions = leadQueries.list(client, listQuery, source, { pipelines: pipelines.data.pipelines, onProgress });
  // A copy that is on but still opening: the list waits for it rather than asking Kommo and then flipping.
  const deciding = !viewSource.local && viewSource.reason === 'deciding';
  const leadsQuery = useInfiniteQuery({ ...listOptions, enabled: !deciding && (source.kind === 'local' || !needsPipelines) });
  const queryClient = useQueryClient();
  const { queryKey } = listOptions;
  // A view the copy answers is whole in one read: the rest of it joins the list at once (browser sort).
  const readWholeLocalView = useCallback(async () => {
    const data = queryClient.getQueryData(queryKey);
    const last = data?.pages[data.pages.length - 1];
    if (!data || !last || source.kind !== 'local') return;
    const { readRestOfLocalView } = await import('@/lib/leads/read-rest-of-local-view');
    const rest = await readRestOfLocalView(source, listQuery, last.next);
    if (queryClient.getQueryData(queryKey) !== data) return;
    queryClient.setQueryData(queryKey, { pages: [...data.pages, ...rest.pages], pageParams: [...data.pageParams, ...rest.pageParams] });
  }, [source, listQuery, queryClient, queryKey]);
  const { reference, error, refetch } = useLeadReference();
  // Both failed together (a 403 blocks every call): one retry resumes both.
  const retryAll = () => {
    refetch();
    if (leadsQuery.isError) void leadsQuery.refetch();
  };
  if (!reference && error) return <LeadsErrorView error={error} onRetry={retryAll} t={t} />;
  if (!reference) return <LoadingSkeleton progress={progress} t={t} />;
  return (
    <LeadsGrid reference={reference} prefs={prefs} leadsQuery={leadsQuery} url={url} progress={progress} readWholeLocalView={readWholeLocalView} />
  );
}

/** While several stage streams load, the skeleton says how far ("loading 7 of 19 stages"). */
function LoadingSkeleton({ progress, t }: { progress: StreamsProgress | null; t: LeadsTableT }) {
  if (!progress) return <LeadsTableSkeleton label={t('statusLoadingView')} />;
  return <LeadsTableSkeleton label={t('loadingStages', { loaded: progress.loaded, total: progress.total })} showLabel />;
}

type LeadsGridProps = {
  reference: LeadReference;
  prefs: ColumnPreferencesState;
  leadsQuery: UseInfiniteQueryResult<InfiniteData<LeadsChunk, unknown>>;
  url: LeadsUrlQuery;
  progress: StreamsProgress | null;
  /** Reads the rest of a view the local copy answers into the list, at once. */
  readWholeLocalView: () => Promise<void>;
};

function LeadsGrid({ reference, prefs, leadsQuery, url, progress, readWholeLocalView }: LeadsGridProps) {
  const t = useMessages(leadsTableMessages);
  const columnText = useMessages(leadColumnMessages);
  const { locale } = useLanguage();
  const { query: urlQuery, setQuery } = url;
  // The app's own view parameters (tasks=none) count too: a different post-filter is a different view.
  const resetKey = viewKey(urlQuery);
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

  const columns = useMemo(() => buildLeadColumns(reference.customFields, columnText), [reference.customFields, columnText]);
  const definitionOf = useCallback(
    (id: string): LeadColumnDefinition | null => columns.find((c) => c.id === id)?.meta?.definition ?? null,
    [columns],
  );
  // The browser sort reads every lead's value without the pages' contacts (those columns do not sort here).
  const sortContext = useMemo<ColumnContext>(() => ({ ref: reference, entities: NO_ENTITIES, text: columnText }), [reference, columnText]);
  const defaultVisibility = useMemo(
    () => defaultCustomFieldVisibility(reference.customFields, reference.defaultCustomFieldIds),
    [reference.customFields, reference.defaultCustomFieldIds],
  );
  const columnVisibility = useMemo(() => ({ ...defaultVisibility, ...prefs.visibility }), [defaultVisibility, prefs.visibility]);
  const { data, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = leadsQuery;

  const first = data?.pages[0];
  const viewTotals = first?.source === 'local' ? first.local : null;
  // The copy holds the whole view: every column sorts at once, without Load all.
  const local = viewTotals !== null;
  const chunkPages = useMemo(() => data?.pages.map((p) => p.leads) ?? EMPTY_PAGES, [data]);
  const { loaded, loadedStarts, priceSum, unreadable } = useMemo(() => {
    const loadedPages = chunkPages;
    if (loadedPages.length === 0) return { loaded: EMPTY_LEADS, loadedStarts: [0], priceSum: 0, unreadable: 0 };
    const starts: number[] = [];
    let offset = 0;
    for (const page of loadedPages) {
      starts.push(offset);
      offset += page.length;
    }
    const all = loadedPages.flat();
    let priceSum = 0;
    let unreadable = 0;
    for (const l of all) {
      priceSum += l.price ?? 0;
      unreadable += l.unreadable;
    }
    return { loaded: all, loadedStarts: starts, priceSum, unreadable };
  }, [chunkPages]);
  // The copy's chunks of a whole-view read are large: cut again into the stream's pages, so
  // contacts and companies still load a page in view at a time.
  const localPages = useMemo(() => (local && chunkPages.length > 1 ? toPages(loaded) : null), [local, chunkPages.length, loaded]);

  // Any column sorts in the browser once the whole view is here; before that only Kommo's orders.
  const { sort: askedSort, setSort } = useLocalSort();
  const allLoaded = !leadsQuery.isPending && !hasNextPage && !leadsQuery.isError;
  const askedDefinition = askedSort ? definitionOf(askedSort.column) : null;
  const sortColumn = askedSort && isLocallySortable(askedDefinition) ? askedSort : null;
  const appliedSort = allLoaded ? sortColumn : null;
  const wantsWholeLocalView = local && sortColumn !== null && Boolean(hasNextPage) && !isFetchingNextPage;
  useEffect(() => {
    if (wantsWholeLocalView) void readWholeLocalView();
  }, [wantsWholeLocalView, readWholeLocalView]);
  const sortDefinition = appliedSort ? askedDefinition : null;
  const sorted = useMemo(
    () => (appliedSort && sortDefinition ? sortLeads(loaded, appliedSort, sortDefinition, sortContext, locale) : null),
    [appliedSort, sortDefinition, loaded, sortContext, locale],
  );
  const sortedPages = useMemo(() => (sorted ? toPages(sorted) : null), [sorted]);
  const leads = sorted ?? loaded;
  const pages = sortedPages?.pages ?? localPages?.pages ?? chunkPages;
  const pageStarts = sortedPages?.pageStarts ?? localPages?.pageStarts ?? loadedStarts;

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

  // The totals row: sums over the loaded leads (the status line's price sum is the same figure), which
  // are the whole view's once nothing more is left to load. Shown while a summable column is.
  const totalIds = table
    .getVisibleLeafColumns()
    .filter((c) => c.columnDef.meta?.definition?.total)
    .map((c) => c.id)
    .join(',');
  const totals = useMemo<TotalsInput | null>(() => {
    if (totalIds === '') return null;
    const ids = totalIds.split(',');
    const definitions = columns.flatMap((c) => (c.meta?.definition && ids.includes(c.meta.definition.id) ? [c.meta.definition] : []));
    return { leads: loaded, definitions, ctx: sortContext, wholeView: allLoaded };
  }, [totalIds, columns, loaded, sortContext, allLoaded]);

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
  const serverOrder = effectiveOrder(urlQuery.order);
  const allColumns = table.getAllLeafColumns();
  const labelOf = useCallback(
    (id: string) => {
      const column = allColumns.find((c) => c.id === id);
      return column ? columnLabel(column, t) : id;
    },
    [allColumns, t],
  );
  const sorting = useMemo<HeaderSorting>(
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
  // The open row's chunk, fetched a few seconds after the grid appears (or on pointing at a toggle):
  // by the time a row is opened, from the keyboard too, its contents are usually here.
  useEffect(() => {
    const timer = setTimeout(leadPanelChunk.preload, PANEL_PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
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
        <LoadingSkeleton progress={progress} t={t} />
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
            resetKey={appliedSort ? `${resetKey}#${formatLocalSort(appliedSort)}` : resetKey}
            stageAges={visibleIds.has('attention')}
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
          resetKey={appliedSort ? `${resetKey}#${formatLocalSort(appliedSort)}` : resetKey}
          sorting={sorting}
          needs={{ contacts: visibleIds.has('main_contact'), companies: visibleIds.has('company'), products: visibleIds.has('products') }}
          stageAges={visibleIds.has('attention')}
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
        timePattern={accountTimePattern(reference.datePatterns)}
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
