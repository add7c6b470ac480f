// The one answer to "is this view answered from the local copy, and if not, why?": the list query,
// load all, the summary, the export, the browser sort and the header's control all ask it here.
import { useMemo, useSyncExternalStore } from 'react';
import type { LeadsQuery } from '@/kommo/leads-query';
import { LIVE_SOURCE, type LiveLeadsSource, type LocalLeadsSource } from '@/lib/leads/leads-source';
import { useLocalCopyHub } from './local-copy-provider';
import type { LocalCopyRouting } from './local-copy-hub';
import { notLocalReason, type NotLocalReason } from './not-local-reason';

/**
 * Why a view comes live: the copy cannot answer it as Kommo does (search, the trash); the copy is off;
 * a copy that is on is still opening (the list waits: no live request and no flip on open); the first
 * sync is not complete; the hourly check against Kommo found a difference not yet repaired (differs);
 * or the copy is complete but has not been brought in step recently (stale).
 */
export type LiveReason = NotLocalReason | 'off' | 'deciding' | 'syncing' | 'differs' | 'stale';

export type ViewSource = { local: true; source: LocalLeadsSource } | { local: false; source: LiveLeadsSource; reason: LiveReason };

/** Pure, for tests and for the hook. */
export function viewSourceOf(routing: LocalCopyRouting, query: LeadsQuery): ViewSource {
  const cannot = notLocalReason(query);
  if (cannot !== null) return { local: false, source: LIVE_SOURCE, reason: cannot };
  if (routing.source) return { local: true, source: routing.source };
  const reason: LiveReason = routing.deciding
    ? 'deciding'
    : !routing.enabled
      ? 'off'
      : routing.differs
        ? 'differs'
        : routing.complete
          ? 'stale'
          : 'syncing';
  return { local: false, source: LIVE_SOURCE, reason };
}

export function useViewSource(query: LeadsQuery): ViewSource {
  const hub = useLocalCopyHub();
  const routing = useSyncExternalStore(hub.subscribe, hub.getRouting, hub.getRouting);
  return useMemo(() => viewSourceOf(routing, query), [routing, query]);
}
