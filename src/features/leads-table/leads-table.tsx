// The leads table: URL query + visible columns -> one infinite query -> TanStack Table -> the
// virtualized body. It draws once the names the visible columns need are in (see useLeadReference);
// the table itself is LeadsGrid (leads-grid.tsx).
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { viewKey } from '@/kommo/view-key';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { leadQueries } from '@/lib/leads/lead-queries';
import { useMessages } from '@/lib/i18n/language-context';
import { hasSeveralStages, type StreamsProgress } from '@/lib/leads/leads-stream';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';
import { useLeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
// The list's source (live or the local copy) comes from the one hook; a local chunk carries the whole view's totals.
import { useViewSource } from '@/lib/local-copy/use-view-source';
import { isListQueryResolved, useLeadsListQuery } from '@/lib/leads-list/use-leads-list-query';
import { LeadsErrorView } from './states/leads-error-view';
import { leadsTableMessages } from './leads-table-messages';
import { LeadsLoadingSkeleton } from './states/leads-table-states';
import { useColumnPreferences } from './columns/use-column-preferences';
import { useLeadReference } from './use-lead-reference';
import { LeadsGrid } from './leads-grid';

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
  if (!reference) return <LeadsLoadingSkeleton progress={progress} t={t} />;
  return (
    <LeadsGrid reference={reference} prefs={prefs} leadsQuery={leadsQuery} url={url} progress={progress} readWholeLocalView={readWholeLocalView} />
  );
}
