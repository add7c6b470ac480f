// The parts of useReferenceData outside React (an export): its own file, so only the export's chunk
// carries it and the first load does not.
import type { QueryClient } from '@tanstack/react-query';
import type { KommoClient } from '@/lib/api/kommo-client';
import { referenceQueries } from './reference-queries';
import type { ReferencePart, ReferenceValue, ReferenceValues } from './use-reference-data';

type PartFetcher<K extends ReferencePart> = (queryClient: QueryClient, client: KommoClient) => Promise<ReferenceValue<K>>;

// One line a part: fetchQuery takes one factory's options at a time, not a union of them.
const FETCH_PART: { [K in ReferencePart]: PartFetcher<K> } = {
  account: (queryClient, client) => queryClient.fetchQuery(referenceQueries.account(client)),
  pipelines: (queryClient, client) => queryClient.fetchQuery(referenceQueries.pipelines(client)),
  users: (queryClient, client) => queryClient.fetchQuery(referenceQueries.users(client)),
  customFieldsFirstPage: (queryClient, client) => queryClient.fetchQuery(referenceQueries.customFieldsFirstPage(client)),
  customFields: (queryClient, client) => queryClient.fetchQuery(referenceQueries.customFields(client)),
  lossReasons: (queryClient, client) => queryClient.fetchQuery(referenceQueries.lossReasons(client)),
  tags: (queryClient, client) => queryClient.fetchQuery(referenceQueries.tags(client)),
  catalogs: (queryClient, client) => queryClient.fetchQuery(referenceQueries.catalogs(client)),
  rights: (queryClient, client) => queryClient.fetchQuery(referenceQueries.rights(client)),
  sources: (queryClient, client) => queryClient.fetchQuery(referenceQueries.sources(client)),
};

/**
 * The same parts outside React (an export): each from the cache, or fetched once for the session
 * through the same factories. Rejects with the first part that fails.
 */
export async function fetchReferenceData<P extends ReferencePart>(
  queryClient: QueryClient,
  client: KommoClient,
  parts: readonly P[],
): Promise<ReferenceValues<P>> {
  const values = await Promise.all(parts.map((part) => FETCH_PART[part](queryClient, client)));
  // As above: the list's order pairs each value with its part.
  return Object.fromEntries(parts.map((part, i) => [part, values[i]])) as ReferenceValues<P>;
}
