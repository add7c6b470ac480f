// Starts a load-all walk: the walker, its read-ahead and the write of its pages into the table's
// entry. A chunk of its own (use-load-all imports it on the first "Load all" or export, or when
// the pointer reaches the button): the first screen never walks.
import type { QueryClient } from '@tanstack/react-query';
import type { LeadsView } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import { withPriority, type KommoClient } from '@/lib/api/kommo-client';
import { leadQueries } from '@/lib/leads/lead-queries';
import { fetchLeadsPage } from '@/lib/leads/leads-fetchers';
import { createLeadsPagePrefetch } from '@/lib/leads/leads-page-prefetch';
import type { LeadsSource } from '@/lib/leads/leads-source';
import { LOCAL_WHOLE_VIEW_CHUNK } from '@/lib/leads/read-rest-of-local-view';
import { fetchLeadsChunk } from '@/lib/leads/leads-stream';
import { walkKey } from './walk-key';
import { createLoadAllWalker, type InfiniteLeadsData, type LoadAllWalker } from './load-all-walker';

export type LoadAllResult = { leads: Lead[]; complete: boolean };

const FETCH_SETTLE_TIMEOUT_MS = 10_000;

function flatten(data: InfiniteLeadsData): Lead[] {
  return data.pages.flatMap((p) => p.leads);
}

/** Writes the walk's pages into the table's entry; a fetch of the table in flight would overwrite them, so wait it out first. */
async function writeFinal(queryClient: QueryClient, queryKey: readonly unknown[], data: InfiniteLeadsData): Promise<void> {
  const deadline = Date.now() + FETCH_SETTLE_TIMEOUT_MS;
  while (queryClient.isFetching({ queryKey, exact: true }) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  queryClient.setQueryData(queryKey, data);
}

export type Walk = { key: string; walker: LoadAllWalker; run: Promise<LoadAllResult>; stopPrefetch: AbortController };

export function startWalk(
  client: KommoClient,
  queryClient: QueryClient,
  view: LeadsView,
  source: LeadsSource,
  confirmAfterLeads: number | undefined,
): Walk {
  // The table's own entry for this view and source.
  const { queryKey, initialPageParam } = leadQueries.list(client, view, source);
  const stopPrefetch = new AbortController();
  // A walk yields to what the user asks meanwhile (a new view, a scroll, an open lead): its pages and
  // its read-ahead go at background priority.
  const walkClient = withPriority(client, 'background');
  const prefetch = createLeadsPagePrefetch((query, signal) => fetchLeadsPage(walkClient, query, signal), stopPrefetch.signal);
  const walker = createLoadAllWalker({
    // The same source as the table's list: a view the copy answers is read from it whole (no walk of
    // Kommo, no 250-lead stop); a live one pages Kommo.
    fetchChunk: (cursor, signal) =>
      source.kind === 'local'
        ? source.read(view, cursor, LOCAL_WHOLE_VIEW_CHUNK)
        : fetchLeadsChunk(walkClient, cursor, { signal, order: view.order, source: prefetch.source }),
    firstCursor: initialPageParam,
    initial: queryClient.getQueryData(queryKey) ?? null,
    confirmAfterLeads,
    onData: (data) => queryClient.setQueryData(queryKey, data),
  });
  const run = walker.start().then(async (data) => {
    stopPrefetch.abort();
    await writeFinal(queryClient, queryKey, data);
    return { leads: flatten(data), complete: walker.getSnapshot().status === 'done' };
  });
  return { key: walkKey(client, view, source), walker, run, stopPrefetch };
}
