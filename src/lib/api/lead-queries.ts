// Query options for leads (TkDodo style): keys from general to specific, every queryFn input in the key.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { LeadsQuery, LeadsView } from '../../kommo/leads-query';
import type { KommoClient } from './kommo-client';
import { fetchLeadsPage } from './leads-fetchers';
import { fetchLeadsChunk, initialLeadsCursor } from './leads-stream';

export const leadQueries = {
  all: ['leads'] as const,
  lists: () => [...leadQueries.all, 'list'] as const,
  /** The merged, lazily paged list of a view (no paging: the cursor pages): one page of the infinite query is one chunk of 250 leads. */
  list: (client: KommoClient, view: LeadsView) =>
    infiniteQueryOptions({
      queryKey: [...leadQueries.lists(), client.transportKind, view] as const,
      initialPageParam: initialLeadsCursor(view),
      queryFn: ({ pageParam, signal }) => fetchLeadsChunk(client, pageParam, view.order, signal),
      getNextPageParam: (last) => last.next,
    }),
  /** One page exactly as Kommo pages it (page and limit included), for previews and first screens. */
  page: (client: KommoClient, query: LeadsQuery) =>
    queryOptions({
      queryKey: [...leadQueries.all, 'page', client.transportKind, query] as const,
      queryFn: ({ signal }) => fetchLeadsPage(client, query, signal),
    }),
};
