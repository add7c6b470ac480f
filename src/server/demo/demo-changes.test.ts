import { describe, expect, it } from 'vitest';
import { eventsPageSchema } from '@/kommo/events-schema';
import { leadsPageSchema } from '@/kommo/lead-schema';
import { createDemoAccount } from './demo-account';
import { createDemoTestClient } from './demo-test-client';

const TOKEN = 'changes-token';

describe('the demo account moving over time', () => {
  it('has no change switch unless the fault switches are on', async () => {
    const { app } = createDemoAccount({ token: TOKEN, leads: 300, seed: 3, rateLimit: false });
    const post = createDemoTestClient(app, TOKEN);
    expect((await post('/__demo/changes', { method: 'POST', body: '{"updated":1}' })).status).toBe(404);
  });

  it('updates, moves and deletes leads "now", with lead_deleted events and only_deleted records to match', async () => {
    const { app, data } = createDemoAccount({ token: TOKEN, leads: 600, seed: 3, rateLimit: false, faults: true });
    const get = createDemoTestClient(app, TOKEN);
    const before = await get(`/api/v4/events?filter[type]=lead_deleted&filter[created_at][from]=${data.referenceTime + 1}`);
    expect(before.status).toBe(204);

    const answer = await get('/__demo/changes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ updated: 3, moved: 2, deleted: 4, seed: 9 }),
    });
    expect(answer.status).toBe(200);
    const changed = answer.json as { at: number; updated: number[]; moved: number[]; deleted: number[] };
    expect(changed.at).toBeGreaterThan(data.referenceTime);
    expect([changed.updated.length, changed.moved.length, changed.deleted.length]).toEqual([3, 2, 4]);

    const since = await get(`/api/v4/leads?limit=250&filter[updated_at][from]=${changed.at}`);
    const ids = leadsPageSchema
      .parse(since.json)
      ._embedded.leads.map((l) => l.id)
      .sort();
    expect(ids).toEqual([...changed.updated, ...changed.moved].sort());

    const events = await get(`/api/v4/events?filter[type]=lead_deleted&filter[entity]=lead&filter[created_at][from]=${changed.at}&limit=100`);
    expect(events.status).toBe(200);
    const page = eventsPageSchema.parse(events.json);
    expect(page._embedded.events.map((e) => e.entity_id).sort()).toEqual([...changed.deleted].sort());
    for (const e of page._embedded.events) expect(e).toMatchObject({ type: 'lead_deleted', entity_type: 'lead', created_at: changed.at });

    const gone = await get(`/api/v4/leads?${changed.deleted.map((id) => `filter[id][]=${id}`).join('&')}`);
    expect(gone.status).toBe(204);
    const trash = await get(`/api/v4/leads?with=only_deleted&filter[updated_at][from]=${changed.at}`);
    expect(
      leadsPageSchema
        .parse(trash.json)
        ._embedded.leads.map((l) => l.id)
        .sort(),
    ).toEqual([...changed.deleted].sort());
  });

  it('pages the event log 100 at most, with a next link while more remain', async () => {
    const { app } = createDemoAccount({ token: TOKEN, leads: 1000, seed: 4, rateLimit: false, faults: true });
    const get = createDemoTestClient(app, TOKEN);
    await get('/__demo/changes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deleted: 120 }) });
    const first = eventsPageSchema.parse((await get('/api/v4/events?filter[type]=lead_deleted&limit=500')).json);
    expect(first._embedded.events).toHaveLength(100);
    expect(first._links?.next).toBeDefined();
    // Stage moves are another type: none of them in the lead_deleted answer, and their own filter finds them.
    expect(first._embedded.events.every((e) => e.type === 'lead_deleted')).toBe(true);
    const moves = eventsPageSchema.parse((await get('/api/v4/events?filter[type]=lead_status_changed&limit=100')).json);
    expect(moves._embedded.events.every((e) => e.type === 'lead_status_changed')).toBe(true);
  });
});
