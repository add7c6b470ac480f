// Leads deleted since a moment, from Kommo's event log (GET /api/v4/events, filter[type]=lead_deleted).
import { encodeQueryParams } from '@/lib/api/query-string';
import type { KommoClient } from '@/lib/api/kommo-client';
import { EVENTS_MAX_LIMIT, EVENTS_PATH, eventsPageSchema, LEAD_DELETED_EVENT } from '@/kommo/events-schema';

/** A lead_deleted event: its own id (to apply it once), the lead's id and when (Kommo's clock). */
export type DeletedLead = { eventId: string; id: number; at: number };

/** Bounds the walk: a refresh after a long absence should walk again rather than page the log forever. */
const MAX_EVENT_PAGES = 50;

export type DeletedLeadsResult = { deleted: DeletedLead[]; requests: number; complete: boolean };

export async function fetchDeletedLeads(client: KommoClient, fromSeconds: number, signal: AbortSignal): Promise<DeletedLeadsResult> {
  const deleted: DeletedLead[] = [];
  let requests = 0;
  for (let page = 1; page <= MAX_EVENT_PAGES; page++) {
    const query = encodeQueryParams([
      ['filter[type]', LEAD_DELETED_EVENT],
      ['filter[entity]', 'lead'],
      ['filter[created_at][from]', Math.max(0, Math.floor(fromSeconds))],
      ['page', page],
      ['limit', EVENTS_MAX_LIMIT],
    ]);
    requests++;
    const response = await client.get(EVENTS_PATH, query, eventsPageSchema, signal);
    if (response === null) return { deleted, requests, complete: true };
    for (const event of response._embedded.events) {
      if (event.type === LEAD_DELETED_EVENT && event.entity_type === 'lead')
        deleted.push({ eventId: event.id, id: event.entity_id, at: event.created_at });
    }
    if (response._links?.next === undefined || response._embedded.events.length === 0) return { deleted, requests, complete: true };
  }
  return { deleted, requests, complete: false };
}
