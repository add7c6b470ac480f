// GET /api/v4/events (Kommo's event log), as far as the local copy reads it: which leads were
// deleted since a moment. Shape from Kommo's docs ("Events list", developers.kommo.com/reference/
// events-list and amocrm.ru/developers/content/crm_platform/events-and-notes) and the official PHP
// client (amocrm/amocrm-api-php: EventModel::fromArray reads id, type, entity_id, entity_type,
// created_by, created_at, value_after, value_before, account_id; EventsFilter sends filter[type] and
// filter[entity] as comma lists and filter[created_at] as an int or a from/to range). At most 100
// events a page; 204 when nothing matches. Stage moves have a module of their own (lead-status-events.ts).
import * as z from 'zod/mini';

export const EVENTS_PATH = '/api/v4/events';
export const EVENTS_MAX_LIMIT = 100;
export const LEAD_DELETED_EVENT = 'lead_deleted';

export const kommoEventSchema = z.looseObject({
  // A string id such as "01pz58t6p04vxnd1jp1rmcprb5" in the docs' examples.
  id: z.string(),
  type: z.string(),
  entity_id: z.number(),
  entity_type: z.string(),
  created_by: z.optional(z.nullable(z.number())),
  created_at: z.number(),
  value_after: z.optional(z.unknown()),
  value_before: z.optional(z.unknown()),
  account_id: z.optional(z.number()),
});
export type KommoEvent = z.infer<typeof kommoEventSchema>;

export const eventsPageSchema = z.looseObject({
  _page: z.optional(z.number()),
  _links: z.optional(z.looseObject({ next: z.optional(z.looseObject({ href: z.string() })) })),
  _embedded: z.looseObject({ events: z.array(kommoEventSchema) }),
});
export type EventsPage = z.infer<typeof eventsPageSchema>;
