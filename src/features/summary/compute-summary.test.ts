import { describe, expect, it } from 'vitest';
import { leadSchema, type Lead, type LeadWire } from '@/kommo/lead-schema';
import { pipelineSchema } from '@/kommo/pipeline-schema';
import { stagePairKey } from '@/kommo/leads-query';
import { computeSummary, computeSummaryChunked, niceCeiling, sortUserBuckets, stagesByPipeline, type SummaryReferences } from './compute-summary';

function lead(wire: Partial<LeadWire> & { id: number }): Lead {
  return leadSchema.parse({ updated_at: 1_700_000_000, ...wire });
}

const refs: SummaryReferences = {
  pipelines: [
    pipelineSchema.parse({
      id: 20,
      name: 'Second',
      sort: 2,
      is_main: false,
      _embedded: {
        statuses: [
          { id: 142, name: 'Won', sort: 10000, color: '#ccff66', type: 0, pipeline_id: 20 },
          { id: 201, name: 'New', sort: 10, color: '#99ccff', type: 1, pipeline_id: 20 },
        ],
      },
    }),
    pipelineSchema.parse({
      id: 10,
      name: 'Main',
      sort: 1,
      is_main: true,
      _embedded: {
        statuses: [
          { id: 101, name: 'Talk', sort: 20, color: '#ffcc66', type: 0, pipeline_id: 10 },
          { id: 142, name: 'Won', sort: 10000, color: '#ccff66', type: 0, pipeline_id: 10 },
          { id: 143, name: 'Lost', sort: 11000, color: '#d5d8db', type: 0, pipeline_id: 10 },
        ],
      },
    }),
  ],
  users: [
    { id: 1, name: 'Ana', rights: { is_active: true } },
    { id: 2, name: 'Bruno', rights: { is_active: false } },
  ],
  lossReasons: [{ id: 7, name: 'Too expensive' }],
};

describe('computeSummary', () => {
  it('gives zeros and no average for an empty set', () => {
    const s = computeSummary([], refs);
    expect(s).toMatchObject({ count: 0, sum: 0, average: null, byStage: [], byUser: [], lossReasons: [] });
    expect(s.won).toEqual({ count: 0, sum: 0 });
  });

  it('counts, sums and averages price, null price counting as 0', () => {
    const s = computeSummary([lead({ id: 1, price: 100 }), lead({ id: 2, price: null }), lead({ id: 3, price: 200 })], refs);
    expect(s.count).toBe(3);
    expect(s.sum).toBe(300);
    expect(s.average).toBe(100);
  });

  it('keys stages by (pipeline, status): 142 in two pipelines are two buckets, in Kommo order with colours', () => {
    const s = computeSummary(
      [
        lead({ id: 1, pipeline_id: 20, status_id: 142, price: 5 }),
        lead({ id: 2, pipeline_id: 10, status_id: 142, price: 7 }),
        lead({ id: 3, pipeline_id: 10, status_id: 101, price: 1 }),
        lead({ id: 4, pipeline_id: 10, status_id: 142, price: 3 }),
        lead({ id: 5, pipeline_id: 20, status_id: 201, price: 0 }),
      ],
      refs,
    );
    expect(s.byStage.map((b) => [b.key, b.count, b.sum, b.statusName, b.pipelineName, b.color])).toEqual([
      ['10:101', 1, 1, 'Talk', 'Main', '#ffcc66'],
      ['10:142', 2, 10, 'Won', 'Main', '#ccff66'],
      ['20:201', 1, 0, 'New', 'Second', '#99ccff'],
      ['20:142', 1, 5, 'Won', 'Second', '#ccff66'],
    ]);
    expect(s.won).toEqual({ count: 3, sum: 15 });
    expect(s.open).toEqual({ count: 2, sum: 1 });
  });

  it('puts unknown stages and stage-less (deleted) leads last, unnamed', () => {
    const s = computeSummary(
      [lead({ id: 1, pipeline_id: 99, status_id: 5 }), lead({ id: 2 }), lead({ id: 3, pipeline_id: 10, status_id: 101 })],
      refs,
    );
    expect(s.byStage.map((b) => b.key)).toEqual(['10:101', '99:5', stagePairKey(null, null)]);
    expect(s.byStage[1]).toMatchObject({ statusName: null, pipelineName: null, color: null });
  });

  it('groups by responsible user, largest sum first, unassigned and unknown users kept', () => {
    const s = computeSummary(
      [
        lead({ id: 1, responsible_user_id: 1, price: 10 }),
        lead({ id: 2, responsible_user_id: 2, price: 50 }),
        lead({ id: 3, responsible_user_id: 1, price: 10 }),
        lead({ id: 4, responsible_user_id: null, price: 1 }),
        lead({ id: 5, responsible_user_id: 77, price: 30 }),
      ],
      refs,
    );
    expect(s.byUser).toEqual([
      { userId: 2, name: 'Bruno', active: false, count: 1, sum: 50 },
      { userId: 77, name: null, active: null, count: 1, sum: 30 },
      { userId: 1, name: 'Ana', active: true, count: 2, sum: 20 },
      { userId: null, name: null, active: null, count: 1, sum: 1 },
    ]);
  });

  it('orders users by what the chart shows: sum, or count', () => {
    const s = computeSummary(
      [
        lead({ id: 1, responsible_user_id: 1, price: 10 }),
        lead({ id: 2, responsible_user_id: 2, price: 50 }),
        lead({ id: 3, responsible_user_id: 1, price: 10 }),
      ],
      refs,
    );
    expect(sortUserBuckets(s.byUser, 'sum').map((b) => b.userId)).toEqual([2, 1]);
    expect(sortUserBuckets(s.byUser, 'count').map((b) => b.userId)).toEqual([1, 2]);
  });

  it('has no win rate while nothing is closed, and groups stages per pipeline in Kommo order', () => {
    const s = computeSummary(
      [
        lead({ id: 1, pipeline_id: 20, status_id: 201 }),
        lead({ id: 2, pipeline_id: 10, status_id: 101 }),
        lead({ id: 3, pipeline_id: 20, status_id: 142 }),
      ],
      refs,
    );
    expect(computeSummary([lead({ id: 1, pipeline_id: 10, status_id: 101 })], refs).winRate).toBeNull();
    expect(stagesByPipeline(s.byStage).map((g) => [g.pipelineName, g.stages.map((b) => b.statusName)])).toEqual([
      ['Main', ['Talk']],
      ['Second', ['New', 'Won']],
    ]);
  });

  it('counts won against lost and groups lost leads by loss reason (id, embedded name, or none)', () => {
    const s = computeSummary(
      [
        lead({ id: 1, pipeline_id: 10, status_id: 143, loss_reason_id: 7, price: 10 }),
        lead({ id: 2, pipeline_id: 10, status_id: 143, loss_reason_id: 7, price: 20 }),
        lead({ id: 3, pipeline_id: 10, status_id: 143, price: 5, _embedded: { loss_reason: [{ id: 8, name: 'Went silent' }] } }),
        lead({ id: 4, pipeline_id: 10, status_id: 143, price: 1 }),
        lead({ id: 5, pipeline_id: 10, status_id: 142, price: 100 }),
        // A loss reason on a lead that is not lost does not count as a loss.
        lead({ id: 6, pipeline_id: 10, status_id: 101, loss_reason_id: 7, price: 3 }),
      ],
      refs,
    );
    expect(s.won).toEqual({ count: 1, sum: 100 });
    expect(s.lost).toEqual({ count: 4, sum: 36 });
    expect(s.open).toEqual({ count: 1, sum: 3 });
    // By count, over closed leads only: 1 won of 5 closed.
    expect(s.winRate).toBe(0.2);
    expect(s.lossReasons).toEqual([
      { lossReasonId: 7, name: 'Too expensive', count: 2, sum: 30 },
      { lossReasonId: 8, name: 'Went silent', count: 1, sum: 5 },
      { lossReasonId: null, name: null, count: 1, sum: 1 },
    ]);
  });
});

describe('computeSummaryChunked', () => {
  const many = Array.from({ length: 5000 }, (_, i) =>
    lead({
      id: i + 1,
      price: i % 13,
      pipeline_id: 10,
      status_id: [101, 142, 143][i % 3],
      responsible_user_id: (i % 4) + 1,
      loss_reason_id: i % 2 ? 7 : null,
    }),
  );

  it('equals the one-pass summary', async () => {
    await expect(computeSummaryChunked(many, refs, { sliceMs: 0.01 })).resolves.toEqual(computeSummary(many, refs));
  });

  it('yields between slices of bounded work', async () => {
    let t = 0;
    let yields = 0;
    const slices: number[] = [];
    // A fake clock advancing 1 ms per read: a slice of 2 ms ends after two checks (512 leads).
    await computeSummaryChunked(many, refs, {
      sliceMs: 2,
      now: () => t++,
      yieldToEventLoop: async () => {
        yields++;
      },
      onSlice: (ms) => slices.push(ms),
    });
    expect(yields).toBe(Math.ceil(many.length / 512) - 1);
    expect(Math.max(...slices)).toBeLessThanOrEqual(3);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const run = computeSummaryChunked(many, refs, {
      signal: controller.signal,
      sliceMs: 0,
      yieldToEventLoop: async () => controller.abort(new DOMException('stop', 'AbortError')),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('niceCeiling (the one scale of the pipelines’ stage charts)', () => {
  it('ends the axis at a round number at or above the largest bar', () => {
    expect([199, 109, 44, 306, 1, 0, 2500, 2501, 7].map(niceCeiling)).toEqual([200, 200, 50, 500, 1, 1, 2500, 5000, 10]);
  });
});
