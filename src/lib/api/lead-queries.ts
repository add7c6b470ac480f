// Query options for leads (TkDodo style): keys from general to specific, every queryFn input in the key.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { LeadsQuery } from '../../kommo/leads-query';
import { withPriority, type KommoClient } from './kommo-client';
import { fetchLeadsPage } from './leads-fetchers';
import { fetchLeadsChunk, initialLeadsCursor } from './leads-stream';

/** The list pages itself through the cursor: page and limit are not part of what it shows. */
export function listQueryOf(query: LeadsQuery): LeadsQuery {
  const { page: _page, limit: _limit, ...rest } = query;
  return rest;
}

export const leadQueries = {
  all: ['leads'] as const,
  lists: () => [...leadQueries.all, 'list'] as const,
  /** The merged, lazily paged list: one page of the infinite query is one chunk of 250 leads. */
  list: (client: KommoClient, query: LeadsQuery) => {
    const listQuery = listQueryOf(query);
    // The list is what the user waits for: its pages go ahead of reference data and of load all.
    const urgent = withPriority(client, 'urgent');
    return infiniteQueryOptions({
      queryKey: [...leadQueries.lists(), client.transportKind, listQuery] as const,
      initialPageParam: initialLeadsCursor(listQuery),
      queryFn: ({ pageParam, signal }) => fetchLeadsChunk(urgent, pageParam, listQuery.order, signal),
      getNextPageParam: (last) => last.next,
    });
  },
  /** One page exactly as Kommo pages it (page and limit included), for previews and first screens. */
  page: (client: KommoClient, query: LeadsQuery) =>
    queryOptions({
      queryKey: [...leadQueries.all, 'page', client.transportKind, query] as const,
      queryFn: ({ signal }) => fetchLeadsPage(client, query, signal),
    }),
};
