// The attention count as a query: asked only while the Views menu is open, kept five minutes, one
// walk for every opening in that time (the key is the view's, so another manager's is another entry;
// the pipelines only say how the view is split into streams, not what it holds).
import { queryOptions } from '@tanstack/react-query';
import type { LeadsView } from '@/kommo/leads-query';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { viewKey } from '@/kommo/view-key';
import type { KommoClient } from '@/lib/api/kommo-client';
import { leadQueries } from '@/lib/leads/lead-queries';
import { countNeedingAttention } from './attention-count';

export const attentionCountQueries = {
  view: (client: KommoClient, view: LeadsView, pipelines: readonly Pipeline[]) =>
    queryOptions({
      queryKey: [...leadQueries.all, 'attention-count', client.transportKind, viewKey(view)] as const,
      queryFn: ({ signal }) => countNeedingAttention(client, view, pipelines, signal),
      staleTime: 5 * 60_000,
    }),
};
