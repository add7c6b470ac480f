import { useQueryClient } from '@tanstack/react-query';
import type { LeadsView } from '@/kommo/leads-query';
import { resolveOpenStages } from '@/kommo/pipeline-stages';
import type { Lead } from '@/kommo/lead-schema';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import type { LeadsSource } from '@/lib/leads/leads-source';
import { buildFetchQuery } from '@/lib/leads-list/fetch-query';
import { seedNarrowedList } from '@/lib/leads-list/seed-narrowed-list';
import { useLeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import type { StageBucket, UserBucket } from './compute-summary';

export type SummaryDrillDown = { applyStage: (b: StageBucket) => void; applyUser: (b: UserBucket) => void };

/**
 * A bar (or its row) applies that stage or user as the view's filter. The narrower view keeps every
 * other filter, so its leads are exactly the loaded ones of that stage or user: once the view is all
 * loaded they fill its list, with no request and no second Load all.
 */
export function useSummaryDrillDown(listQuery: LeadsView, source: LeadsSource, pipelines: Pipeline[] | undefined): SummaryDrillDown {
  const client = useKommoClient();
  const queryClient = useQueryClient();
  const { query: urlQuery, setQuery } = useLeadsUrlQuery();
  const narrowTo = (next: typeof urlQuery, keep: (lead: Lead) => boolean) => {
    // Seeded under the key the table will ask: the open-leads rule resolved as useLeadsListQuery does.
    const to = buildFetchQuery(next, listQuery.with ?? []);
    seedNarrowedList(queryClient, client, source, listQuery, pipelines ? resolveOpenStages(to, pipelines) : to, keep, pipelines);
    setQuery(next);
  };
  const applyStage = (b: StageBucket) => {
    const { pipelineId, statusId } = b;
    if (pipelineId === null || statusId === null) return;
    // One stage replaces the open-leads rule (the rule would otherwise win over it).
    const { open: _rule, ...rest } = urlQuery;
    narrowTo(
      { ...rest, filter: { ...urlQuery.filter, statuses: [{ pipeline_id: pipelineId, status_id: statusId }] } },
      (l) => l.pipeline_id === pipelineId && l.status_id === statusId,
    );
  };
  const applyUser = (b: UserBucket) => {
    const { userId } = b;
    if (userId === null) return;
    narrowTo({ ...urlQuery, filter: { ...urlQuery.filter, responsible_user_id: [userId] } }, (l) => l.responsible_user_id === userId);
  };
  return { applyStage, applyUser };
}
