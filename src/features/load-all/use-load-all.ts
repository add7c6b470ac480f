// Runs a load-all walk for the table's current list query and writes the pages into that query's
// own React Query entry, so the table shows every loaded row without fetching them again and the
// result stays cached per view. One walk per view: a new view cancels the walk of the old one.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LeadsView } from '@/kommo/leads-query';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { useViewSource } from '@/lib/local-copy/use-view-source';
import { walkKey } from './walk-key';
import { importChunk } from '@/lib/ui/lazy-chunk';
import type { LoadAllSnapshot } from './load-all-walker';
import type { LoadAllResult, Walk } from './start-load-all-walk';

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

export type { LoadAllResult };

const noop = () => () => undefined;
const nullSnapshot = () => null;
const loadWalk = () => importChunk(() => import('./start-load-all-walk'));

/** Fetches the walk's code ahead of the click (pointer or focus on "Load all" or an export button). */
export function preloadLoadAll(): void {
  loadWalk().catch(() => undefined);
}

export type UseLoadAllOptions = { confirmAfterLeads?: number };

export function useLoadAll(query: LeadsView, options: UseLoadAllOptions = {}): LoadAllHandle {
  const client = useKommoClient();
  const queryClient = useQueryClient();
  // Live or the local copy: the same source as the table's list, so the walk fills the table's entry.
  const { source } = useViewSource(query);
  const key = walkKey(client, query, source);
  const confirmAfterLeads = options.confirmAfterLeads;
  const [walk, setWalk] = useState<Walk | null>(null);
  // A start while the walk's code downloads: a second start (export, then Load all) joins it.
  const starting = useRef<{ key: string; run: Promise<LoadAllResult> } | null>(null);
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
    if (starting.current?.key === key) return starting.current.run;
    // Only while the code downloads: once the walk exists, `current` joins it (and a finished or
    // cancelled walk is started anew).
    const code = loadWalk();
    const clear = () => {
      if (starting.current?.run === run) starting.current = null;
    };
    const run = code.then(
      ({ startWalk }) => {
        clear();
        const next = startWalk(client, queryClient, query, source, confirmAfterLeads);
        setWalk(next);
        return next.run;
      },
      (e: unknown) => {
        clear();
        throw e;
      },
    );
    starting.current = { key, run };
    return run;
  }, [client, queryClient, query, source, current, confirmAfterLeads, key]);

  const pause = useCallback(() => current?.walker.pause(), [current]);
  const resume = useCallback(() => current?.walker.resume(), [current]);
  const cancel = useCallback(() => current?.walker.cancel(), [current]);
  const confirm = useCallback((goOn: boolean) => current?.walker.confirm(goOn), [current]);

  return { snapshot, start, pause, resume, cancel, confirm };
}
