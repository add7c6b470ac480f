// The events cursor: which lead_deleted events a refresh applies (each event once, remembered in the
// meta for as long as a refresh may read it again), and where the next refresh starts.
import type { Lead } from '@/kommo/lead-schema';
import type { DeletedLead } from './deleted-leads-fetcher';
import type { LocalCopyMeta } from './local-copy-store';
import { REFRESH_OVERLAP_SECONDS } from './refresh-overlap';

export type DeletedEventsApplied = {
  /** The leads to store: changed since the anchor and not deleted after their change. */
  upsert: Lead[];
  /** The leads to remove. */
  removed: number[];
  /** The meta after the refresh: its anchor and the events it applied. */
  next: LocalCopyMeta;
};

/**
 * `changed`: the leads the refresh read, by id (this function takes the deleted ones out of it);
 * `startedAt`: Kommo's clock as the refresh started (null when no answer carried a Date header).
 */
export function applyDeletedEvents(
  base: LocalCopyMeta,
  changed: Map<number, Lead>,
  deleted: readonly DeletedLead[],
  startedAt: number | null,
  syncedAt: number,
): DeletedEventsApplied {
  const applied = new Set(base.appliedEvents.map((e) => e.id));
  // Each event once; a lead restored or changed after its deletion came back updated later: it stays.
  const fresh = deleted.filter((d) => !applied.has(d.eventId));
  const removed = fresh.filter((d) => (changed.get(d.id)?.updated_at ?? Number.NEGATIVE_INFINITY) < d.at).map((d) => d.id);
  for (const id of removed) changed.delete(id);
  const upsert = [...changed.values()];
  // Without a Date header, the newest time Kommo reported (an updated_at set ahead by an integration
  // would push it ahead too: the Date header is the one to trust).
  const anchor = startedAt ?? Math.max(base.anchor, maxUpdated(upsert, 0), ...deleted.map((d) => d.at));
  const keepFrom = anchor - REFRESH_OVERLAP_SECONDS;
  const next: LocalCopyMeta = {
    ...base,
    syncedAt,
    anchor,
    appliedEvents: [...base.appliedEvents, ...fresh.map((d) => ({ id: d.eventId, at: d.at }))].filter((e) => e.at >= keepFrom),
  };
  return { upsert, removed, next };
}

const maxUpdated = (leads: readonly Lead[], start: number) => leads.reduce((m, l) => Math.max(m, l.updated_at), start);
