// Query options for leads (TkDodo style): keys from general to specific, every queryFn input in the key.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { LeadsQuery, LeadsView } from '@/kommo/leads-query';
import { viewKey } from '@/kommo/view-key';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { withPriority, type KommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage } from './leads-fetchers';
import { FIRST_LOCAL_CURSOR, LIVE_SOURCE, type LeadsSource } from './leads-source';
import { fetchLeadsChunk, initialLeadsCursor, type LeadsChunk, type StreamsProgress } from './leads-stream';

export type LeadsListOptions = {
  /** The account's pipelines: whole pipelines of a stage selection then go in one stream (same leads, fewer requests). */
  pipelines?: readonly Pipeline[];
  /** Told while the first chunk waits for several streams ("loading 7 of 19 stages"). */
  onProgress?: (progress: StreamsProgress) => void;
};
/** Leads a chunk from Kommo (one page of the table). */
export const LIST_CHUNK_SIZE = 250;

export const leadQueries = {
  all: ['leads'] as const,
  lists: () => [...leadQueries.all, 'list'] as const,
  /**
   * The merged, lazily paged list of a view (no paging: the cursor pages): one page of the infinite
   * query is one chunk of 250 leads. `options` change how the list is fetched, never what it holds:
   * they stay out of the key.
   */
  list: (client: KommoClient, view: LeadsView, source: LeadsSource = LIVE_SOURCE, options: LeadsListOptions = {}) => {
    // The list is what the user waits for: its pages go ahead of reference data and of load all.
    const urgent = withPriority(client, 'urgent');
    return infiniteQueryOptions({
      // The source that answers (live, or which local copy), the view by its one key, and `with` (what
      // the visible columns need, fetched too).
      queryKey: [...leadQueries.lists(), client.transportKind, source.key, viewKey(view), view.with ?? []] as const,
      initialPageParam: source.kind === 'local' ? FIRST_LOCAL_CURSOR : initialLeadsCursor(view, options.pipelines),
      queryFn: ({ pageParam, signal }): Promise<LeadsChunk> =>
        // The copy orders like the API path (local-leads-index applies the same default order).
        source.kind === 'local'
          ? source.read(view, pageParam, LIST_CHUNK_SIZE)
          : fetchLeadsChunk(urgent, pageParam, { signal, order: view.order, onProgress: options.onProgress }),
      getNextPageParam: (last) => last.next,
      // The copy answers a view within a frame or two: the grid keeps the last view's rows meanwhile
      // instead of dropping to the skeleton and mounting again (about a third of a local view's
      // main-thread time in a profile: issue 22, docs/performance.md). Kommo may take seconds: not kept.
      placeholderData: source.kind === 'local' ? (previous) => previous : undefined,
    });
  },
  /** One page exactly as Kommo pages it (page and limit included), for previews and first screens. */
  page: (client: KommoClient, query: LeadsQuery) =>
    queryOptions({
      queryKey: [...leadQueries.all, 'page', client.transportKind, query] as const,
      queryFn: ({ signal }) => fetchLeadsPage(client, query, signal),
    }),
};
