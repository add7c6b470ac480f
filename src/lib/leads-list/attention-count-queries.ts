// The attention count as a query: asked only while the Views menu is open, kept five minutes, one
// walk for every opening in that time (the key is the view's, so another manager's is another entry).
import { queryOptions } from '@tanstack/react-query';
import type { LeadsView } from '@/kommo/leads-query';
import { viewKey } from '@/kommo/view-key';
import type { KommoClient } from '@/lib/api/kommo-client';
import { leadQueries } from '@/lib/leads/lead-queries';
import { countNeedingAttention } from './attention-count';

export const attentionCountQueries = {
  view: (client: KommoClient, view: LeadsView) =>
    queryOptions({
      queryKey: [...leadQueries.all, 'attention-count', client.transportKind, viewKey(view)] as const,
      queryFn: ({ signal }) => countNeedingAttention(client, view, signal),
      staleTime: 5 * 60_000,
    }),
};
