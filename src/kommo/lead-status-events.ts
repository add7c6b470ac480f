// Stage moves in Kommo's event log (GET /api/v4/events, filter[type]=lead_status_changed): each
// carries `value_after` / `value_before` as `[{lead_status: {id, pipeline_id}}]`
// (fixtures/real/kommo-docs-events-lead-status-changed.json, Kommo's "Events list" example; sources
// in fixtures/real/SOURCES.md, "Time in a stage"). A module apart from events-schema.ts (the local
// copy's lead_deleted reading) so the attention view's chunk and the local copy's share no chunk.
import * as z from 'zod/mini';

export const LEAD_STATUS_CHANGED_EVENT = 'lead_status_changed';
/** Kommo's docs: `filter[entity_id]` takes at most 10 ids, with exactly one `filter[entity]`. */
export const EVENTS_MAX_ENTITY_IDS = 10;

const leadStatusSchema = z.looseObject({ id: z.number(), pipeline_id: z.number() });

/** One event of the answer; `value_after` read apart (leadStatusAfter), so one odd event never fails the page. */
export const stageMoveEventSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  entity_id: z.number(),
  entity_type: z.string(),
  created_at: z.number(),
  value_after: z.optional(z.unknown()),
});
export type StageMoveEvent = z.infer<typeof stageMoveEventSchema>;

export const stageMovesPageSchema = z.looseObject({
  _links: z.optional(z.looseObject({ next: z.optional(z.looseObject({ href: z.string() })) })),
  _embedded: z.looseObject({ events: z.array(stageMoveEventSchema) }),
});

const leadStatusValueSchema = z.array(z.looseObject({ lead_status: z.optional(leadStatusSchema) }));

/** The stage a `lead_status_changed` event moved the lead into, or null for any other event or shape. */
export function leadStatusAfter(event: StageMoveEvent): { status_id: number; pipeline_id: number } | null {
  if (event.type !== LEAD_STATUS_CHANGED_EVENT) return null;
  const parsed = leadStatusValueSchema.safeParse(event.value_after);
  if (!parsed.success) return null;
  const status = parsed.data.find((v) => v.lead_status !== undefined)?.lead_status;
  return status ? { status_id: status.id, pipeline_id: status.pipeline_id } : null;
}
