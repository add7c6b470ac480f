// When each lead entered the stage it is in now, from Kommo's event log: the newest
// `lead_status_changed` event whose `value_after` is the lead's current stage (GET /api/v4/events,
// filter[type]=lead_status_changed, filter[entity]=lead, at most 10 `filter[entity_id][]` a request).
// A lead with no stage move at all has been in its stage since it was created. Sources and what
// stays unverified: src/kommo/fixtures/real/SOURCES.md ("Time in a stage").
import type { Lead } from '@/kommo/lead-schema';
import { encodeQueryParams } from '@/lib/api/query-string';
import type { KommoClient } from '@/lib/api/kommo-client';
import { isMissingRight } from '@/lib/api/api-error';
import { EVENTS_MAX_ENTITY_IDS, LEAD_STATUS_CHANGED_EVENT, leadStatusAfter, stageMovesPageSchema } from '@/kommo/lead-status-events';

/** Kommo's event log (events-schema.ts names it too; a copy here keeps the local copy's chunk out of this one). */
const EVENTS_PATH = '/api/v4/events';
/** At most 100 events a page (amoCRM's docs; Kommo's say 250). */
const EVENTS_LIMIT = 100;

/** What the stage age needs of a lead: its id, its stage now and when it was created. */
export type StageLead = { id: number; status_id: number; pipeline_id: number; created_at: number | null };

/** The lead as the stage age reads it; null for one without a stage (Kommo's trash), which has no time in one. */
export function stageLeadOf(lead: Pick<Lead, 'id' | 'status_id' | 'pipeline_id' | 'created_at'>): StageLead | null {
  if (lead.status_id === null || lead.pipeline_id === null) return null;
  return { id: lead.id, status_id: lead.status_id, pipeline_id: lead.pipeline_id, created_at: lead.created_at };
}

/**
 * Since when (seconds) the lead is in its stage: from its last stage move (`event`), or from its
 * creation when Kommo lists no move (`created`); `unknown` when the log does not say (a move into
 * another stage only, or more moves than the walk reads); `refused` when Kommo refused this user the
 * event log (a JSON 403).
 */
export type StageEntry = { kind: 'since'; at: number; from: 'event' | 'created' } | { kind: 'unknown' } | { kind: 'refused' };

/** Ten leads with up to 30 moves each: a lead moved more often than that reads "unknown", never a long walk. */
const MAX_PAGES_PER_BATCH = 3;

/** The stage entries of at most EVENTS_MAX_ENTITY_IDS leads, in one request (a few for much-moved leads). */
export async function fetchStageEntries(client: KommoClient, leads: readonly StageLead[], signal: AbortSignal): Promise<Map<number, StageEntry>> {
  if (leads.length > EVENTS_MAX_ENTITY_IDS) throw new RangeError(`at most ${EVENTS_MAX_ENTITY_IDS} leads a request`);
  const result = new Map<number, StageEntry>();
  if (leads.length === 0) return result;
  const byId = new Map(leads.map((l) => [l.id, l]));
  const entered = new Map<number, number>();
  const moved = new Set<number>();
  let complete = false;
  try {
    for (let page = 1; page <= MAX_PAGES_PER_BATCH; page++) {
      const query = encodeQueryParams([
        ['filter[type]', LEAD_STATUS_CHANGED_EVENT],
        ['filter[entity]', 'lead'],
        ...leads.map((l) => ['filter[entity_id][]', l.id] as const),
        ['page', page],
        ['limit', EVENTS_LIMIT],
      ]);
      const response = await client.get(EVENTS_PATH, query, stageMovesPageSchema, signal);
      if (response === null) {
        complete = true;
        break;
      }
      for (const event of response._embedded.events) {
        const lead = byId.get(event.entity_id);
        if (!lead || event.entity_type !== 'lead') continue;
        const after = leadStatusAfter(event);
        if (!after) continue;
        moved.add(lead.id);
        // The newest move into the stage it is in now, whatever order Kommo lists events in.
        if (after.status_id === lead.status_id && after.pipeline_id === lead.pipeline_id)
          entered.set(lead.id, Math.max(entered.get(lead.id) ?? 0, event.created_at));
      }
      if (response._links?.next === undefined || response._embedded.events.length === 0) {
        complete = true;
        break;
      }
    }
  } catch (e) {
    if (!isMissingRight(e)) throw e;
    for (const lead of leads) result.set(lead.id, { kind: 'refused' });
    return result;
  }
  for (const lead of leads) {
    const at = entered.get(lead.id);
    if (at !== undefined) result.set(lead.id, { kind: 'since', at, from: 'event' });
    else if (complete && !moved.has(lead.id) && lead.created_at !== null)
      result.set(lead.id, { kind: 'since', at: lead.created_at, from: 'created' });
    else result.set(lead.id, { kind: 'unknown' });
  }
  return result;
}

const DAY_MS = 86_400_000;

/** Whole days the lead has been in its stage, or null when Kommo's event log did not say. */
export function daysInStage(entry: StageEntry, nowMs: number = Date.now()): number | null {
  if (entry.kind !== 'since') return null;
  return Math.max(0, Math.floor((nowMs - entry.at * 1000) / DAY_MS));
}
