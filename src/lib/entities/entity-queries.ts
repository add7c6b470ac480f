// Query options for the entities a page of leads refers to, keyed by the normalised id set.
import { queryOptions } from '@tanstack/react-query';
import { fetchCatalogElements, fetchCatalogElementsByIds, fetchCompaniesByIds, fetchContactsByIds, normaliseIds } from './entity-fetchers';
import type { KommoClient } from '@/lib/api/kommo-client';

/** Names change rarely while a list is open; five minutes spares a refetch on every scroll back. */
const ENTITY_STALE_MS = 5 * 60_000;

export const entityQueries = {
  all: ['entities'] as const,
  contacts: (client: KommoClient, ids: readonly number[]) => {
    const key = normaliseIds(ids);
    return queryOptions({
      queryKey: [...entityQueries.all, 'contacts', client.transportKind, key] as const,
      queryFn: ({ signal }) => fetchContactsByIds(client, key, signal),
      staleTime: ENTITY_STALE_MS,
    });
  },
  companies: (client: KommoClient, ids: readonly number[]) => {
    const key = normaliseIds(ids);
    return queryOptions({
      queryKey: [...entityQueries.all, 'companies', client.transportKind, key] as const,
      queryFn: ({ signal }) => fetchCompaniesByIds(client, key, signal),
      staleTime: ENTITY_STALE_MS,
    });
  },
  /** Every element of one catalog (a chained list's), keyed by catalog: one request series however many cells ask. */
  catalog: (client: KommoClient, catalogId: number) =>
    queryOptions({
      queryKey: [...entityQueries.all, 'catalog', client.transportKind, catalogId] as const,
      queryFn: ({ signal }) => fetchCatalogElements(client, catalogId, signal),
      staleTime: ENTITY_STALE_MS,
    }),
  catalogElements: (client: KommoClient, catalogId: number, ids: readonly number[]) => {
    const key = normaliseIds(ids);
    return queryOptions({
      queryKey: [...entityQueries.all, 'catalog-elements', client.transportKind, catalogId, key] as const,
      queryFn: ({ signal }) => fetchCatalogElementsByIds(client, catalogId, key, signal),
      staleTime: ENTITY_STALE_MS,
    });
  },
};
