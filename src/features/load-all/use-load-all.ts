// Runs a load-all walk for the table's current list query and writes the pages into that query's
// own React Query entry, so the table shows every loaded row without fetching them again and the
// result stays cached per view. One walk per view: a new view cancels the walk of the old one.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { LeadsView } from '../../kommo/leads-query';
import type { Lead } from '../../kommo/schemas';
import { useKommoClient } from '../../lib/api/kommo-client-context';
import { withPriority, type KommoClient } from '../../lib/api/kommo-client';
import { leadQueries } from '../../lib/api/lead-queries';
import { fetchLeadsPage } from '../../lib/api/leads-fetchers';
import { createLeadsPagePrefetch } from '../../lib/api/leads-page-prefetch';
import { fetchLeadsChunk, initialLeadsCursor } from '../../lib/api/leads-stream';
import {
  createLoadAllWalker,
  DEFAULT_CONFIRM_AFTER_LEADS,
  type InfiniteLeadsData,
  type LoadAllSnapshot,
  type LoadAllWalker,
} from './load-all-walker';

export type LoadAllHandle = {
  /** Null before the first walk of this view. */
  snapshot: LoadAllSnapshot | null;
  /** Starts (or joins) the walk; resolves with every loaded lead when it ends, whatever the reason. */
  start(): Promise<LoadAllResult>;
  pause(): void;
  resume(): void;
  cancel(): void;
  confirm(goOn: boolean): void;
};

export type LoadAllResult = { leads: Lead[]; complete: boolean };

const noop = () => () => undefined;
const nullSnapshot = () => null;
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

type Walk = { key: string; walker: LoadAllWalker; run: Promise<LoadAllResult>; stopPrefetch: AbortController };

function startWalk(client: KommoClient, queryClient: QueryClient, view: LeadsView, confirmAfterLeads: number): Walk {
  const { queryKey } = leadQueries.list(client, view);
  const stopPrefetch = new AbortController();
  // A walk yields to what the user asks meanwhile (a new view, a scroll, an open lead): its pages and
  // its read-ahead go at background priority.
  const walkClient = withPriority(client, 'background');
  const prefetch = createLeadsPagePrefetch((query, signal) => fetchLeadsPage(walkClient, query, signal), stopPrefetch.signal);
  const walker = createLoadAllWalker({
    fetchChunk: (cursor, signal) => fetchLeadsChunk(walkClient, cursor, view.order, signal, undefined, undefined, { source: prefetch.source }),
    firstCursor: initialLeadsCursor(view),
    initial: queryClient.getQueryData(queryKey) ?? null,
    confirmAfterLeads,
    onData: (data) => queryClient.setQueryData(queryKey, data),
  });
  const run = walker.start().then(async (data) => {
    stopPrefetch.abort();
    await writeFinal(queryClient, queryKey, data);
    return { leads: flatten(data), complete: walker.getSnapshot().status === 'done' };
  });
  return { key: JSON.stringify(queryKey), walker, run, stopPrefetch };
}

export type UseLoadAllOptions = { confirmAfterLeads?: number };

export function useLoadAll(query: LeadsView, options: UseLoadAllOptions = {}): LoadAllHandle {
  const client = useKommoClient();
  const queryClient = useQueryClient();
  const key = JSON.stringify(leadQueries.list(client, query).queryKey);
  const confirmAfterLeads = options.confirmAfterLeads ?? DEFAULT_CONFIRM_AFTER_LEADS;
  const [walk, setWalk] = useState<Walk | null>(null);
  const current = walk?.key === key ? walk : null;

  // A view change or unmount ends the walk: its pages stay cached for that view.
  useEffect(
    () => () => {
      if (current) {
        current.walker.cancel();
        current.stopPrefetch.abort();
      }
    },
    [current],
  );

  const walker = current?.walker;
  const snapshot = useSyncExternalStore(walker?.subscribe ?? noop, walker?.getSnapshot ?? nullSnapshot);

  const start = useCallback((): Promise<LoadAllResult> => {
    if (current) {
      const status = current.walker.getSnapshot().status;
      if (status !== 'done' && status !== 'cancelled') return current.run;
    }
    const next = startWalk(client, queryClient, query, confirmAfterLeads);
    setWalk(next);
    return next.run;
  }, [client, queryClient, query, current, confirmAfterLeads]);

  const pause = useCallback(() => current?.walker.pause(), [current]);
  const resume = useCallback(() => current?.walker.resume(), [current]);
  const cancel = useCallback(() => current?.walker.cancel(), [current]);
  const confirm = useCallback((goOn: boolean) => current?.walker.confirm(goOn), [current]);

  return { snapshot, start, pause, resume, cancel, confirm };
}
