// The demo account moving over time (DEMO_FAULTS=1 only): POST /__demo/changes updates, moves and
// deletes some leads "now", with the matching updated_at, `with=only_deleted` records and
// lead_deleted and lead_status_changed events, so the local copy's refresh and the attention view's
// time in a stage are tested against moving data. GET /api/v4/events serves the event log in
// Kommo's shape (docs' "Events list" example; amocrm-api-php EventModel), with the generated leads'
// own stage moves (demo-stage-history.ts), as each viewer's rights allow.
import type { Hono } from 'hono';
import { z } from 'zod';
import { EVENTS_MAX_LIMIT, EVENTS_PATH } from '@/kommo/events-schema';
import { EVENTS_MAX_ENTITY_IDS, LEAD_STATUS_CHANGED_EVENT } from '@/kommo/lead-status-events';
import { DEMO_ACCOUNT_ID, LOST_STATUS_ID, WON_STATUS_ID } from './demo-reference';
import type { DemoDeletedLead, DemoLead } from './demo-data';
import type { DemoRouteContext } from './demo-leads-route';
import { viewerOf } from './demo-context-user';
import { createDemoStageHistory, type DemoStage } from './demo-stage-history';
import { halResponse, noContent, pageLinks, problemResponse } from './demo-responses';
import { createLeadIndex } from './leads-search';
import { createRandom } from './prng';

export const CHANGES_PATH = '/__demo/changes';

export type DemoEvent = {
  id: string;
  type: 'lead_deleted' | 'lead_status_changed';
  entity_id: number;
  created_by: number;
  created_at: number;
  /** lead_status_changed only: the stage before and after. */
  before?: DemoStage;
  after?: DemoStage;
};

export const changesRequestSchema = z.strictObject({
  updated: z.number().int().min(0).max(10_000).default(0),
  moved: z.number().int().min(0).max(10_000).default(0),
  deleted: z.number().int().min(0).max(10_000).default(0),
  /** Leads deleted by earlier changes put back (Kommo's restore from the trash), updated "now". */
  restored: z.number().int().min(0).max(10_000).default(0),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .optional(),
});
export type ChangesRequest = z.infer<typeof changesRequestSchema>;
export type ChangesResult = { at: number; updated: number[]; moved: number[]; deleted: number[]; restored: number[] };

const EVENTS_DEFAULT_LIMIT = 50;

/** A ULID-like id (26 characters of Crockford base32), the form of Kommo's event ids. */
function eventId(createdAt: number, entityId: number, serial: number): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let value = BigInt(createdAt) * 10n ** 12n + BigInt(entityId) * 1000n + BigInt(serial % 1000);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = (alphabet[Number(value % 32n)] ?? '0') + out;
    value /= 32n;
  }
  return out;
}

export type DemoChanges = {
  apply(request: ChangesRequest): ChangesResult;
  events(): readonly DemoEvent[];
};

export function createDemoChanges(ctx: DemoRouteContext, now: () => number): DemoChanges {
  let leads: DemoLead[] = [...ctx.data.leads];
  let deleted: DemoDeletedLead[] = [...ctx.data.deletedLeads];
  // Leads these changes deleted, whole, so a restore can put them back.
  const trash = new Map<number, DemoLead>();
  // Every restorable deleted lead of the generated data was deleted at its updated_at.
  const events: DemoEvent[] = deleted.map((d, i) => ({
    id: eventId(d.updated_at, d.id, i),
    type: 'lead_deleted',
    entity_id: d.id,
    created_by: ctx.data.users[0]?.id ?? 0,
    created_at: d.updated_at,
  }));
  let lastAt = leads.reduce((m, l) => Math.max(m, l.updated_at), ctx.data.referenceTime);
  let serial = events.length;
  let round = 0;

  return {
    events: () => events,
    apply(request) {
      // Strictly later than anything before, so "updated since" always finds the change.
      const at = Math.max(Math.floor(now() / 1000), lastAt + 1);
      lastAt = at;
      const r = createRandom(request.seed ?? ctx.data.seed * 7919 + ++round);
      const users = ctx.data.users.filter((u) => u.rights?.is_active !== false);
      const touched = new Set<number>();
      const pickOpen = (): number | null => {
        // Open leads only: moving a closed lead would need a closing date and loss reason story.
        for (let tries = 0; tries < 50; tries++) {
          const i = r.int(0, leads.length - 1);
          const lead = leads[i];
          if (lead && !touched.has(lead.id) && lead.status_id !== WON_STATUS_ID && lead.status_id !== LOST_STATUS_ID) return i;
        }
        return null;
      };
      const result: ChangesResult = { at, updated: [], moved: [], deleted: [], restored: [] };
      // Kommo's restore brings a lead back as it was; that its updated_at moves to the restore is an
      // assumption (no public source shows a restored lead's updated_at).
      for (const [id, lead] of [...trash].slice(0, request.restored)) {
        trash.delete(id);
        touched.add(id);
        leads.push({ ...lead, updated_at: at });
        deleted = deleted.filter((d) => d.id !== id);
        result.restored.push(id);
      }
      const editor = () => r.pick(users).id;
      for (let k = 0; k < request.updated; k++) {
        const i = pickOpen();
        const lead = i === null ? undefined : leads[i];
        if (i === null || !lead) break;
        touched.add(lead.id);
        leads[i] = { ...lead, price: lead.price + r.int(1, 50) * 100, updated_at: at, updated_by: editor() };
        result.updated.push(lead.id);
      }
      for (let k = 0; k < request.moved; k++) {
        const i = pickOpen();
        const lead = i === null ? undefined : leads[i];
        if (i === null || !lead) break;
        const pipeline = ctx.data.pipelines.find((p) => p.id === lead.pipeline_id);
        const stages = (pipeline?._embedded.statuses ?? []).filter(
          (s) => s.id !== lead.status_id && s.id !== WON_STATUS_ID && s.id !== LOST_STATUS_ID,
        );
        if (stages.length === 0) continue;
        touched.add(lead.id);
        const by = editor();
        const next = r.pick(stages).id;
        leads[i] = { ...lead, status_id: next, updated_at: at, updated_by: by };
        events.push({
          id: eventId(at, lead.id, serial++),
          type: LEAD_STATUS_CHANGED_EVENT,
          entity_id: lead.id,
          created_by: by,
          created_at: at,
          before: { id: lead.status_id, pipeline_id: lead.pipeline_id },
          after: { id: next, pipeline_id: lead.pipeline_id },
        });
        result.moved.push(lead.id);
      }
      const gone = new Set<number>();
      for (let k = 0; k < request.deleted; k++) {
        const i = pickOpen();
        const lead = i === null ? undefined : leads[i];
        if (i === null || !lead) break;
        touched.add(lead.id);
        gone.add(lead.id);
        result.deleted.push(lead.id);
        deleted.push({ id: lead.id, updated_at: at });
        trash.set(lead.id, lead);
        events.push({ id: eventId(at, lead.id, serial++), type: 'lead_deleted', entity_id: lead.id, created_by: editor(), created_at: at });
      }
      if (gone.size > 0) leads = leads.filter((l) => !gone.has(l.id));
      ctx.index = createLeadIndex(leads, deleted, ctx.index.linkedText);
      return result;
    },
  };
}

export function registerChangesControl(app: Hono, changes: DemoChanges): void {
  app.post(CHANGES_PATH, async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return problemResponse(400, 'The body must be a JSON object: {"updated": n, "moved": n, "deleted": n}');
    }
    const parsed = changesRequestSchema.safeParse(body);
    if (!parsed.success) return problemResponse(400, parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    return c.json(changes.apply(parsed.data));
  });
}

const INT_RE = /^\d{1,12}$/;

/** `[{lead_status: {id, pipeline_id}}]`, the shape of Kommo's example; empty for other events (no source shows theirs). */
const statusValue = (stage: DemoStage | undefined) => (stage ? [{ lead_status: { id: stage.id, pipeline_id: stage.pipeline_id } }] : []);

/**
 * GET /api/v4/events: filter[type], filter[entity] (comma lists), filter[entity_id] (`[]` repeated or a
 * comma list, at most 10), filter[created_at] (a timestamp or [from]/[to]), page, limit. A context
 * user sees only the events of leads they may view (amoCRM docs: "the data returned depends on the
 * rights to the entity").
 */
export function registerEventsRoute(app: Hono, ctx: DemoRouteContext, changes: DemoChanges): void {
  const history = createDemoStageHistory(ctx.data);
  let leadById: Map<number, DemoLead> | null = null;
  const leadOf = (id: number) => {
    leadById ??= new Map(ctx.data.leads.map((l) => [l.id, l]));
    return leadById.get(id);
  };
  const generatedMoves = (ids: readonly number[] | null): DemoEvent[] => {
    const leads = ids === null ? ctx.data.leads : ids.map(leadOf).filter((l): l is DemoLead => l !== undefined);
    return leads.flatMap((lead) =>
      history.movesOf(lead).map((m, k) => ({
        id: eventId(m.at, lead.id, k),
        type: LEAD_STATUS_CHANGED_EVENT,
        entity_id: lead.id,
        created_by: m.by,
        created_at: m.at,
        before: m.before,
        after: m.after,
      })),
    );
  };
  app.get(EVENTS_PATH, (c) => {
    const viewer = viewerOf(c, ctx.data, ctx.viewers);
    if (viewer instanceof Response) return viewer;
    const params = new URL(c.req.url).searchParams;
    const list = (key: string) =>
      params
        .get(key)
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? null;
    const int = (key: string) => {
      const raw = params.get(key);
      return raw !== null && INT_RE.test(raw.trim()) ? Number(raw.trim()) : null;
    };
    const types = list('filter[type]');
    const entities = list('filter[entity]');
    const rawIds = [...params.getAll('filter[entity_id][]'), ...(list('filter[entity_id]') ?? [])];
    if (rawIds.some((v) => !INT_RE.test(v.trim()))) return problemResponse(400, 'filter[entity_id] takes lead ids');
    if (rawIds.length > EVENTS_MAX_ENTITY_IDS) return problemResponse(400, `filter[entity_id]: at most ${EVENTS_MAX_ENTITY_IDS} ids`);
    if (rawIds.length > 0 && entities?.length !== 1) return problemResponse(400, 'filter[entity_id] needs exactly one filter[entity]');
    const ids = rawIds.length > 0 ? new Set(rawIds.map((v) => Number(v.trim()))) : null;
    // A single value means "from then on" in Kommo's docs.
    const from = int('filter[created_at][from]') ?? int('filter[created_at]');
    const to = int('filter[created_at][to]');
    const page = Math.max(1, int('page') ?? 1);
    const limit = Math.min(EVENTS_MAX_LIMIT, Math.max(1, int('limit') ?? EVENTS_DEFAULT_LIMIT));
    const wantsMoves = !types || types.includes(LEAD_STATUS_CHANGED_EVENT);
    const visible = (e: DemoEvent) => {
      if (!viewer) return true;
      const lead = leadOf(e.entity_id);
      // A lead these changes deleted or created has no generated record to judge by: only its events' own lead counts.
      return lead ? viewer.mayViewLead(lead) : false;
    };
    // Newest first. Kommo's docs do not state the order; nothing in the app depends on it.
    const matching = [...changes.events(), ...(wantsMoves ? generatedMoves(ids === null ? null : [...ids]) : [])]
      .filter(
        (e) =>
          (!types || types.includes(e.type)) &&
          (!entities || entities.includes('lead')) &&
          (ids === null || ids.has(e.entity_id)) &&
          (from === null || e.created_at >= from) &&
          (to === null || e.created_at <= to) &&
          visible(e),
      )
      .sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1));
    const rows = matching.slice((page - 1) * limit, page * limit);
    if (rows.length === 0) return noContent();
    const hasNext = page * limit < matching.length;
    return halResponse({
      _page: page,
      _links: pageLinks(EVENTS_PATH, params, page, limit, hasNext),
      _embedded: {
        events: rows.map((e) => ({
          id: e.id,
          type: e.type,
          entity_id: e.entity_id,
          entity_type: 'lead',
          created_by: e.created_by,
          created_at: e.created_at,
          value_after: statusValue(e.after),
          value_before: statusValue(e.before),
          account_id: DEMO_ACCOUNT_ID,
          _links: { self: { href: `${EVENTS_PATH}/${e.id}` } },
          // Kommo's example embeds the entity as its id only.
          _embedded: { entity: { id: e.entity_id } },
        })),
      },
    });
  });
}
