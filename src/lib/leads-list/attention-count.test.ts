// The attention count: the leads of the view that need action now, read page after page, never more
// than the cap, and "at least" past it.
import { describe, expect, it } from 'vitest';
import { createFakeTransport, jsonResponse, noContent } from '@/lib/api/fake-transport.testing';
import { createKommoClient } from '@/lib/api/kommo-client';
import { ATTENTION_LEAD_CAP, countNeedingAttention } from './attention-count';

const NOW = Date.UTC(2026, 11, 7, 12) / 1000;
const DAY = 86_400;

/** Lead n: every third overdue, every third with no task, every third fine (a task tomorrow, changed today). */
function wireLead(n: number) {
  const kind = n % 3;
  return { id: n, updated_at: NOW - DAY, closest_task_at: kind === 0 ? NOW - 2 * DAY : kind === 1 ? null : NOW + DAY };
}

function account(total: number) {
  const queries: URLSearchParams[] = [];
  const transport = createFakeTransport((request) => {
    const params = new URLSearchParams(request.query);
    queries.push(params);
    const page = Number(params.get('page'));
    const first = (page - 1) * 250;
    const size = Math.max(0, Math.min(250, total - first));
    if (size === 0) return noContent;
    const leads = Array.from({ length: size }, (_, i) => wireLead(first + i + 1));
    return jsonResponse(200, { _page: page, _links: first + size < total ? { next: { href: 'next' } } : {}, _embedded: { leads } });
  });
  return { client: createKommoClient(transport, { maxRetries: 0, ratePerSecond: 100_000 }), queries };
}

describe('countNeedingAttention', () => {
  it.each([
    [0, 0, 1],
    [3, 2, 1],
    [600, 400, 3],
  ])('%i leads of mine: %i need attention, in %i requests of the view', async (total, expected, requests) => {
    const { client, queries } = account(total);
    const view = { filter: { responsible_user_id: [7] } };
    expect(await countNeedingAttention(client, view, [], new AbortController().signal, NOW * 1000)).toEqual({ count: expected, complete: true });
    expect(queries).toHaveLength(requests);
    // Every request is the view's own (the manager's filter), never the whole account.
    expect(queries.every((q) => [...q.entries()].some(([k, v]) => k.startsWith('filter[responsible_user_id]') && v === '7'))).toBe(true);
  });

  it(`stops after ${ATTENTION_LEAD_CAP} leads and says the count is a lower bound`, async () => {
    const { client, queries } = account(10_000);
    const result = await countNeedingAttention(client, {}, [], new AbortController().signal, NOW * 1000);
    expect(queries).toHaveLength(ATTENTION_LEAD_CAP / 250);
    expect(result).toEqual({ count: Math.round((ATTENTION_LEAD_CAP * 2) / 3), complete: false });
  });

  it('asks one stage at a time when the view holds stages of several pipelines, as the table does', async () => {
    const { client, queries } = account(3);
    const statuses = [
      { pipeline_id: 1, status_id: 11 },
      { pipeline_id: 1, status_id: 12 },
      { pipeline_id: 2, status_id: 21 },
    ];
    await countNeedingAttention(client, { filter: { statuses } }, [], new AbortController().signal, NOW * 1000);
    const stagesAsked = queries.map((q) => [...q.keys()].filter((k) => k.startsWith('filter[statuses]') && k.endsWith('[status_id]')).length);
    expect(stagesAsked.every((n) => n === 1)).toBe(true);
    expect(queries.length).toBeGreaterThanOrEqual(3);
  });
});
