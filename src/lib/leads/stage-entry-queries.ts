// Query options for the stage entries of one batch of leads (at most 10: Kommo's filter[entity_id]
// limit), keyed by each lead's id and stage so a lead that moves is asked again.
import { queryOptions } from '@tanstack/react-query';
import type { KommoClient } from '@/lib/api/kommo-client';
import { fetchStageEntries, type StageLead } from './stage-entry-fetchers';

/** Stage moves are rare next to a manager's glance at the list: five minutes spares a refetch on every scroll back. */
const STAGE_ENTRY_STALE_MS = 5 * 60_000;

export const stageEntryQueries = {
  all: ['stage-entries'] as const,
  batch: (client: KommoClient, leads: readonly StageLead[]) =>
    queryOptions({
      queryKey: [
        ...stageEntryQueries.all,
        client.transportKind,
        leads.map((l) => [l.id, l.pipeline_id, l.status_id, l.created_at] as const),
      ] as const,
      queryFn: ({ signal }) => fetchStageEntries(client, leads, signal),
      staleTime: STAGE_ENTRY_STALE_MS,
      // The client already retried what can be retried; a failed batch reads "unknown" rather than asking again.
      retry: false,
    }),
};
