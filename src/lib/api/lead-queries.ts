// Query options for leads (TkDodo style): keys from general to specific, every queryFn input in the key.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { LeadsQuery } from '../../kommo/leads-query';
import type { KommoClient } from './kommo-client';
import { fetchLeadsPage } from './leads-fetchers';
import { fetchLeadsChunk, initialLeadsCursor } from './leads-stream';
// Issue 16 seam: the local copy answers the list when it can (see src/lib/local-copy/local-list-chunk.ts).
import { localListChunk } from '../local-copy/local-list-chunk';

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
    return infiniteQueryOptions({
      queryKey: [...leadQueries.lists(), client.transportKind, listQuery] as const,
      initialPageParam: initialLeadsCursor(listQuery),
      queryFn: ({ pageParam, signal }) => localListChunk(listQuery, pageParam) ?? fetchLeadsChunk(client, pageParam, listQuery.order, signal),
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
