// Time in a stage against the demo account in-process: the demo's event log tells each lead's
// stage moves in Kommo's shape, and fetchStageEntries reads from it when each lead entered the stage
// it is in now, ten leads a request, as a manager with limited rights, and as "refused" (never a
// block) when Kommo answers the event log with a 403 for a missing right.
import { describe, expect, it } from 'vitest';
import { leadsPageSchema, type Lead } from '@/kommo/lead-schema';
import { pipelinesResponseSchema } from '@/kommo/pipeline-schema';
import { createKommoClient } from '@/lib/api/kommo-client';
import type { Transport, TransportRequest } from '@/lib/api/transport';
import { fetchStageEntries, stageLeadOf, type StageEntry, type StageLead } from '@/lib/leads/stage-entry-fetchers';
import { createDemoAccount } from '@/server/demo/demo-account';
import { CHANGES_PATH } from '@/server/demo/demo-changes';

const TOKEN = 'stage-token';

function setup(seed: number) {
  const demo = createDemoAccount({ token: TOKEN, leads: 600, seed, rateLimit: false, faults: true });
  const headers = (contextUser?: number): Record<string, string> => ({
    Authorization: `Bearer ${TOKEN}`,
    ...(contextUser === undefined ? {} : { 'X-Context-User-ID': String(contextUser) }),
  });
  const transport = (log: TransportRequest[], contextUser?: number, refuseEvents = false): Transport => ({
    kind: 'proxy',
    async get(request) {
      log.push(request);
      if (refuseEvents && request.path === '/api/v4/events')
        return { status: 403, headers: { 'content-type': 'application/problem+json' }, body: '{"title":"Forbidden","status":403}' };
      const res = await demo.app.request(`${request.path}?${request.query}`, { headers: headers(contextUser) });
      return { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? '' }, body: await res.text() };
    },
  });
  const client = (log: TransportRequest[], contextUser?: number, refuseEvents = false) =>
    createKommoClient(transport(log, contextUser, refuseEvents), { ratePerSecond: 100_000, maxRetries: 0 });
  const leads = async (query: string, contextUser?: number): Promise<(StageLead & Pick<Lead, 'updated_at' | 'responsible_user_id'>)[]> => {
    const res = await demo.app.request(`/api/v4/leads?${query}`, { headers: headers(contextUser) });
    const page = res.status === 204 ? [] : leadsPageSchema.parse(await res.json())._embedded.leads;
    return page.flatMap((l) => {
      const staged = stageLeadOf(l);
      return staged ? [{ ...staged, updated_at: l.updated_at, responsible_user_id: l.responsible_user_id }] : [];
    });
  };
  const firstOpenStage = async () => {
    const res = await demo.app.request('/api/v4/leads/pipelines', { headers: headers() });
    const pipelines = pipelinesResponseSchema.parse(await res.json())._embedded.pipelines;
    return new Map(pipelines.map((p) => [p.id, p._embedded.statuses.find((s) => s.id !== 142 && s.id !== 143)?.id]));
  };
  return { demo, client, leads, firstOpenStage };
}

const since = (entry: StageEntry | undefined) => (entry?.kind === 'since' ? entry : null);

describe('time in a stage from lead_status_changed events (demo account)', () => {
  it('reads when each of ten leads entered its stage now, in one request, from its last move or its creation', async () => {
    const { client, leads, firstOpenStage } = setup(31);
    const first = await firstOpenStage();
    const page = (await leads('limit=250&order[id]=asc')).filter((l) => l.status_id !== 142 && l.status_id !== 143).slice(0, 10);
    expect(page).toHaveLength(10);
    const log: TransportRequest[] = [];
    const entries = await fetchStageEntries(client(log), page, new AbortController().signal);
    expect(log).toHaveLength(1);
    expect(log[0]?.query).toContain('filter[type]=lead_status_changed&filter[entity]=lead&filter[entity_id][]=');
    let fromEvents = 0;
    for (const lead of page) {
      const entry = since(entries.get(lead.id));
      expect(entry, `lead ${lead.id}`).not.toBeNull();
      if (!entry) continue;
      // In its first open stage a lead never moved: since its creation. Further on, since its last move.
      expect(entry.from).toBe(lead.status_id === first.get(lead.pipeline_id) ? 'created' : 'event');
      expect(entry.at).toBeGreaterThanOrEqual(lead.created_at ?? 0);
      expect(entry.at).toBeLessThanOrEqual(lead.updated_at ?? 0);
      if (entry.from === 'event') fromEvents++;
    }
    expect(fromEvents).toBeGreaterThan(0);
  });

  it('a lead the demo moves now reads "in this stage since now"', async () => {
    const { demo, client, leads } = setup(32);
    const res = await demo.app.request(CHANGES_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ moved: 3, seed: 5 }),
    });
    const change = (await res.json()) as { at: number; moved: number[] };
    expect(change.moved.length).toBeGreaterThan(0);
    const moved = await leads(change.moved.map((id) => `filter[id][]=${id}`).join('&'));
    const entries = await fetchStageEntries(client([]), moved, new AbortController().signal);
    for (const lead of moved) expect(entries.get(lead.id)).toEqual({ kind: 'since', at: change.at, from: 'event' });
  });

  it('as a manager who sees only their own leads: the same answer for their leads', async () => {
    const { demo, client, leads } = setup(33);
    const manager = demo.data.team.find((m) => m.key === 'manager-own');
    expect(manager).toBeDefined();
    const mine = (await leads(`limit=50&filter[responsible_user_id]=${manager?.userId ?? 0}`, manager?.userId)).slice(0, 10);
    expect(mine.length).toBeGreaterThan(0);
    const asManager = await fetchStageEntries(client([], manager?.userId), mine, new AbortController().signal);
    const asOwner = await fetchStageEntries(client([]), mine, new AbortController().signal);
    expect([...asManager]).toEqual([...asOwner]);
    // Someone else's moved lead: the manager's event log leaves its moves out.
    const others = (await leads('limit=250')).filter((l) => l.responsible_user_id !== manager?.userId);
    const res = await demo.app.request(
      `/api/v4/events?filter[type]=lead_status_changed&filter[entity]=lead&${others
        .slice(0, 10)
        .map((l) => `filter[entity_id][]=${l.id}`)
        .join('&')}`,
      { headers: { Authorization: `Bearer ${TOKEN}`, 'X-Context-User-ID': String(manager?.userId) } },
    );
    expect(res.status).toBe(204);
  });

  it('a 403 for a missing right reads "refused" for every lead, and blocks nothing else', async () => {
    const { client, leads } = setup(34);
    const page = (await leads('limit=10')).slice(0, 10);
    const log: TransportRequest[] = [];
    const c = client(log, undefined, true);
    const entries = await fetchStageEntries(c, page, new AbortController().signal);
    expect([...entries.values()].every((e) => e.kind === 'refused')).toBe(true);
    expect(c.getState().refused).toContain('/api/v4/events');
    await expect(c.get('/api/v4/leads/pipelines', '', pipelinesResponseSchema, new AbortController().signal)).resolves.not.toBeNull();
  });

  it("asks at most ten leads a request (Kommo's filter[entity_id] limit)", async () => {
    const { client, leads } = setup(35);
    const page = (await leads('limit=11')).slice(0, 11);
    await expect(fetchStageEntries(client([]), page, new AbortController().signal)).rejects.toThrow(RangeError);
  });
});
