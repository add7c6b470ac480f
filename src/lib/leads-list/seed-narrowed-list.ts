// A drill-down (a stage or a user clicked in the summary) narrows a view whose every lead is already
// in the browser: the narrower view's list is those leads kept in the same order, so it is written
// into its own cache entry instead of fetched again, and Load all's work is not thrown away.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { LeadsView } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { KommoClient } from '@/lib/api/kommo-client';
import { leadQueries } from '@/lib/leads/lead-queries';
import type { LeadsSource } from '@/lib/leads/leads-source';
import { DEFAULT_CHUNK_SIZE, initialLeadsCursor, type LeadsChunk, type LeadsCursor } from '@/lib/leads/leads-stream';

/**
 * The narrowed list as the infinite query's data, in chunks of the live size, or null when `pages` is
 * not the whole view (the narrower view then has leads not loaded here). Only the first page's param
 * and the last chunk's `next` are ever read (a refetch walks from the first, more pages come after the last).
 */
export function narrowLoadedList(
  pages: readonly LeadsChunk[],
  keep: (lead: Lead) => boolean,
  firstCursor: LeadsCursor,
): InfiniteData<LeadsChunk, LeadsCursor> | null {
  const last = pages[pages.length - 1];
  if (last && last.next !== null) return null;
  const kept = pages.flatMap((p) => p.leads.filter(keep));
  const chunks: LeadsChunk[] = [];
  for (let at = 0; at < kept.length || chunks.length === 0; at += DEFAULT_CHUNK_SIZE) {
    const end = at + DEFAULT_CHUNK_SIZE;
    chunks.push({ source: 'live', leads: kept.slice(at, end), next: end < kept.length ? firstCursor : null });
  }
  return { pages: chunks, pageParams: chunks.map(() => firstCursor) };
}

/**
 * Writes the narrower view's list from the wider one's, when the wider one is complete and the
 * narrower one has no list of its own yet. `keep` must say exactly which leads the narrower view holds.
 * Live lists only: the local copy answers the narrower view whole at once, with its own totals.
 */
export function seedNarrowedList(
  queryClient: QueryClient,
  client: KommoClient,
  source: LeadsSource,
  from: LeadsView,
  to: LeadsView,
  keep: (lead: Lead) => boolean,
  pipelines?: readonly Pipeline[],
): boolean {
  if (source.kind !== 'live') return false;
  const target = leadQueries.list(client, to, source, { pipelines });
  if (queryClient.getQueryData(target.queryKey)) return false;
  const wider = queryClient.getQueryData(leadQueries.list(client, from, source).queryKey);
  if (!wider) return false;
  const data = narrowLoadedList(wider.pages, keep, initialLeadsCursor(to, pipelines));
  if (!data) return false;
  queryClient.setQueryData(target.queryKey, data);
  return true;
}
