// Test support only: a tiny Kommo for the sync engine. Leads that change and are deleted (with
// lead_deleted events), paged as Kommo pages them (204 past the end, `_links.next`), filtered by
// updated_at, id, one stage or pipelines, ordered by updated_at or id; and its own clock, sent in
// every answer's Date header as Kommo's front servers do (RFC 9110 §6.6.1).
import { createFakeTransport, jsonResponse, noContent, problemResponse } from '@/lib/api/fake-transport.testing';
import type { TransportRequest } from '@/lib/api/transport';

export type WireLead = {
  id: number;
  price: number;
  created_at: number;
  updated_at: number;
  status_id: number;
  pipeline_id: number;
  closed_at: number | null;
};

/** The account's pipelines and the stages of each (142 won, 143 lost, as in every Kommo pipeline). */
const PIPELINES = [1, 2];
const STATUSES = [10, 11, 12, 13, 142, 143];

export type FakeKommoOptions = {
  /** Kommo's clock (Unix s) at the start. */
  now: number;
  /** Answers with 401 while true. */
  unauthorized?: () => boolean;
  /** Leaves the Date header out (an older widget script does not pass it on). */
  noDateHeader?: boolean;
};

export function createFakeKommo(initial: WireLead[], options: FakeKommoOptions) {
  const leads = new Map(initial.map((l) => [l.id, { ...l }]));
  const events: { id: string; entity_id: number; created_at: number }[] = [];
  let now = options.now;
  let nextEvent = 1;
  /** Runs before a request is answered: where tests change the account "meanwhile". */
  let beforeAnswer: ((request: TransportRequest) => void) | null = null;

  function page<T>(items: T[], q: URLSearchParams, max: number, embed: (items: T[]) => unknown) {
    const number = Number(q.get('page') ?? '1');
    const limit = Math.min(max, Number(q.get('limit') ?? '50'));
    const slice = items.slice((number - 1) * limit, number * limit);
    if (slice.length === 0) return noContent;
    const next = number * limit < items.length;
    const date: Record<string, string> = options.noDateHeader ? {} : { date: new Date(now * 1000).toUTCString() };
    return jsonResponse(200, { _page: number, _links: next ? { next: { href: `x?page=${number + 1}` } } : {}, _embedded: embed(slice) }, date);
  }

  const transport = createFakeTransport((req) => {
    beforeAnswer?.(req);
    if (options.unauthorized?.()) return problemResponse(401, { title: 'Unauthorized', detail: 'token expired' });
    const q = new URLSearchParams(req.query);
    if (req.path === '/api/v4/account')
      return jsonResponse(200, { id: 7, name: 'Acme', subdomain: 'acme', current_user_id: 3, datetime_settings: { timezone: 'UTC' } });
    if (req.path === '/api/v4/events') {
      const from = Number(q.get('filter[created_at][from]') ?? '0');
      const matching = events.filter((e) => e.created_at >= from).sort((a, b) => a.created_at - b.created_at);
      return page(matching, q, 100, (items) => ({
        events: items.map((e) => ({ id: e.id, type: 'lead_deleted', entity_id: e.entity_id, entity_type: 'lead', created_at: e.created_at })),
      }));
    }
    if (req.path === '/api/v4/leads/pipelines')
      return jsonResponse(200, {
        _total_items: PIPELINES.length,
        _embedded: {
          pipelines: PIPELINES.map((id) => ({
            id,
            name: `Pipeline ${id}`,
            sort: id,
            is_main: id === 1,
            _embedded: {
              statuses: STATUSES.map((status, sort) => ({ id: status, name: `Stage ${status}`, sort, color: '#fffeb2', type: 0, pipeline_id: id })),
            },
          })),
        },
      });
    if (req.path !== '/api/v4/leads') return noContent;
    const from = q.get('filter[updated_at][from]');
    const ids = q.getAll('filter[id][]').map(Number);
    const pipelines = q.getAll('filter[pipeline_id][]').map(Number);
    const stagePipeline = q.get('filter[statuses][0][pipeline_id]');
    const stageStatus = q.get('filter[statuses][0][status_id]');
    const byUpdated = q.get('order[updated_at]');
    const byId = q.get('order[id]');
    const matching = [...leads.values()]
      .filter((l) => from === null || l.updated_at >= Number(from))
      .filter((l) => ids.length === 0 || ids.includes(l.id))
      .filter((l) => pipelines.length === 0 || pipelines.includes(l.pipeline_id))
      .filter((l) => stagePipeline === null || (l.pipeline_id === Number(stagePipeline) && l.status_id === Number(stageStatus)))
      .sort((a, b) => {
        // Kommo's order, ties by id (as the demo account answers).
        if (byUpdated !== null) return (byUpdated === 'desc' ? -1 : 1) * (a.updated_at - b.updated_at || a.id - b.id);
        return (byId === 'desc' ? -1 : 1) * (a.id - b.id);
      });
    return page(matching, q, 250, (items) => ({ leads: items }));
  });

  return {
    transport,
    leads,
    nowSeconds: () => now,
    tick(seconds: number) {
      now += seconds;
    },
    /** A change by a colleague: updated_at is Kommo's now unless an integration sets its own. */
    update(id: number, patch: Partial<WireLead>) {
      const lead = leads.get(id);
      if (!lead) throw new Error(`no lead ${id}`);
      leads.set(id, { ...lead, updated_at: now, ...patch });
    },
    add(lead: WireLead) {
      leads.set(lead.id, lead);
    },
    remove(id: number) {
      if (!leads.delete(id)) throw new Error(`no lead ${id}`);
      events.push({ id: `ev${nextEvent++}`, entity_id: id, created_at: now });
    },
    /** Gone without a trace in the event log (what anti-entropy is for). */
    removeSilently(id: number) {
      leads.delete(id);
    },
    onRequest(hook: ((request: TransportRequest) => void) | null) {
      beforeAnswer = hook;
    },
    /** The account as Kommo holds it: [id, price, pipeline, status, updated_at], by id. */
    rows: () => [...leads.values()].sort((a, b) => a.id - b.id).map((l) => [l.id, l.price, l.pipeline_id, l.status_id, l.updated_at] as const),
  };
}

/** `n` leads over two pipelines and a few stages, updated an hour apart before `now`. */
export function wireLeads(n: number, now: number): WireLead[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    price: 100 * (i + 1),
    created_at: now - 86_400 * i,
    updated_at: now - 3_600 * (n - i),
    pipeline_id: i % 3 === 0 ? 2 : 1,
    status_id: i % 2 === 0 ? 142 : 10 + (i % 4),
    closed_at: i % 2 === 0 ? now - 86_400 * 400 : null,
  }));
}
