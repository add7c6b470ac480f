// The fetch layer against the demo account in-process (app.request, no network): a stage selection
// sent as whole pipelines (`filter[pipeline_id][]`) plus per-stage streams returns exactly the
// leads, in exactly the order, of one stream a stage. Lives outside src/lib and src/server because
// it is the one test that needs both (lint keeps each of them from importing the other).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeadsView, StagePair } from '@/kommo/leads-query';
import { pipelinesResponseSchema, type Pipeline } from '@/kommo/pipeline-schema';
import { createKommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsChunk, initialLeadsCursor, type LeadsCursor } from '@/lib/leads/leads-stream';
import type { Transport, TransportRequest } from '@/lib/api/transport';
import { createDemoAccount } from '@/server/demo/demo-account';

const TOKEN = 'test-token';
const { app } = createDemoAccount({ token: TOKEN, leads: 800, seed: 11, rateLimit: false });

function demoTransport(log: TransportRequest[]): Transport {
  return {
    kind: 'proxy',
    async get(request) {
      log.push(request);
      const res = await app.request(`${request.path}?${request.query}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      return { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? '' }, body: await res.text() };
    },
  };
}

async function loadPipelines(): Promise<Pipeline[]> {
  const res = await app.request('/api/v4/leads/pipelines', { headers: { Authorization: `Bearer ${TOKEN}` } });
  return pipelinesResponseSchema.parse(await res.json())._embedded.pipelines;
}

/** Every lead of the list, chunk by chunk as the table reads it, and the leads requests it took. */
async function drain(query: LeadsView, cursor: LeadsCursor, chunkSize: number) {
  const log: TransportRequest[] = [];
  const client = createKommoClient(demoTransport(log), { ratePerSecond: 100_000, maxRetries: 0 });
  const ids: number[] = [];
  let next: LeadsCursor | null = cursor;
  let firstChunkRequests = 0;
  for (let guard = 0; next && guard < 500; guard++) {
    const chunk: Awaited<ReturnType<typeof fetchLeadsChunk>> = await fetchLeadsChunk(client, next, {
      signal: new AbortController().signal,
      order: query.order,
      chunkSize,
    });
    if (guard === 0) firstChunkRequests = log.length;
    ids.push(...chunk.leads.map((l) => l.id));
    next = chunk.next;
  }
  return { ids, firstChunkRequests, requests: log };
}

describe('whole pipelines in one stream, against the demo account', () => {
  it('returns the same leads in the same order as one stream a stage, for any selection, order and filter', { timeout: 120_000 }, async () => {
    const pipelines = await loadPipelines();
    const selection = fc.array(
      fc.record({ pipeline: fc.constantFrom(...pipelines), whole: fc.boolean(), pick: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }),
      { minLength: 1, maxLength: 4 },
    );
    const order = fc.option(
      fc.record({
        field: fc.constantFrom('id' as const, 'created_at' as const, 'updated_at' as const),
        direction: fc.constantFrom('asc' as const, 'desc' as const),
      }),
      { nil: undefined },
    );
    const extra = fc.constantFrom<Partial<LeadsView>>({}, { filter: { price: { from: 5000 } } }, { tasks: 'none' }, { query: 'a' });
    await fc.assert(
      fc.asyncProperty(selection, order, extra, fc.constantFrom(100, 250), async (picks, orderBy, more, chunkSize) => {
        const statuses: StagePair[] = picks.flatMap(({ pipeline, whole, pick }) => {
          const stages = pipeline._embedded.statuses;
          const chosen = whole ? stages : pick.map((i) => stages[i % stages.length]!);
          return chosen.map((s) => ({ pipeline_id: pipeline.id, status_id: s.id }));
        });
        const query: LeadsView = { ...more, ...(orderBy ? { order: orderBy } : {}), filter: { ...more.filter, statuses } };
        const perStage = await drain(query, initialLeadsCursor(query), chunkSize);
        const grouped = await drain(query, initialLeadsCursor(query, pipelines), chunkSize);
        expect(grouped.ids).toEqual(perStage.ids);
        expect(grouped.requests.length).toBeLessThanOrEqual(perStage.requests.length);
      }),
      { numRuns: 20 },
    );
  });

  it('a view of every stage of one pipeline makes one leads request, with filter[pipeline_id][], before its first rows', async () => {
    const pipelines = await loadPipelines();
    const pipeline = pipelines[0]!;
    const query: LeadsView = { filter: { statuses: pipeline._embedded.statuses.map((s) => ({ pipeline_id: pipeline.id, status_id: s.id })) } };
    const grouped = await drain(query, initialLeadsCursor(query, pipelines), 250);
    expect(grouped.firstChunkRequests).toBe(1);
    const first = new URLSearchParams(grouped.requests[0]!.query);
    expect(first.getAll('filter[pipeline_id][]')).toEqual([String(pipeline.id)]);
    expect([...first.keys()].some((k) => k.startsWith('filter[statuses]'))).toBe(false);
    // One stream a stage asked once per stage before it could show a row.
    const perStage = await drain(query, initialLeadsCursor(query), 250);
    expect(perStage.firstChunkRequests).toBe(pipeline._embedded.statuses.length);
    expect(grouped.ids).toEqual(perStage.ids);
  });

  it('two whole pipelines and a partial one: the whole ones share one request, the partial stages one each', async () => {
    const pipelines = await loadPipelines();
    const [a, b, c] = pipelines;
    if (!a || !b || !c) throw new Error('the demo account has at least three pipelines');
    const all = (p: Pipeline) => p._embedded.statuses.map((s) => ({ pipeline_id: p.id, status_id: s.id }));
    const partial = all(c).slice(0, 2);
    const query: LeadsView = { filter: { statuses: [...all(a), ...partial, ...all(b)] } };
    const cursor = initialLeadsCursor(query, pipelines);
    expect(cursor.streams.map((s) => s.query.filter)).toEqual([
      { pipeline_id: [a.id, b.id] },
      { statuses: [partial[0]] },
      { statuses: [partial[1]] },
    ]);
    const grouped = await drain(query, cursor, 250);
    expect(grouped.firstChunkRequests).toBe(3);
  });

  it('keeps one stream a stage when the view also filters by pipeline (the filters would not combine)', async () => {
    const pipelines = await loadPipelines();
    const a = pipelines[0]!;
    const query: LeadsView = { filter: { pipeline_id: [a.id], statuses: a._embedded.statuses.map((s) => ({ pipeline_id: a.id, status_id: s.id })) } };
    expect(initialLeadsCursor(query, pipelines).streams).toHaveLength(a._embedded.statuses.length);
  });
});
