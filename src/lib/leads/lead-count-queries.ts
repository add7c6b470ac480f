// The count of leads the user can see, for the local copy's offer: a factory of its own so the count
// walk's code stays in the offer's chunk, out of the first load.
import { queryOptions } from '@tanstack/react-query';
import type { KommoClient } from '@/lib/api/kommo-client';
import { leadQueries } from './lead-queries';
import { countVisibleLeads } from './leads-count';

export const leadCountQueries = {
  /** Asked when the offer is shown, at background priority; kept for ten minutes. */
  visible: (client: KommoClient) =>
    queryOptions({
      queryKey: [...leadQueries.all, 'count', client.transportKind] as const,
      queryFn: ({ signal }) => countVisibleLeads(client, signal),
      staleTime: 10 * 60_000,
    }),
};
