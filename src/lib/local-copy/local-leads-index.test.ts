// The local copy's query engine against Kommo's semantics written the obvious way (one lead at a
// time): filters ANDed, list values ORed, null never matching, the whole-unit price, stages as
// (pipeline, status) pairs, nulls first and ties by id in the order's direction. Random leads include
// nulls, prices with cents, ids past 32 bits and dates far apart, so both column widths and both sorts
// (by code, by comparator) are exercised. The demo-account differential is src/app/local-copy-differential.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeadsQuery, OrderField } from '@/kommo/leads-query';
import { effectiveOrder } from '@/lib/leads/leads-order';
import { LocalLeadsIndex, type IndexedLead } from './local-leads-index';

type TestLead = Pick<
  IndexedLead,
  | 'id'
  | 'name'
  | 'price'
  | 'created_at'
  | 'updated_at'
  | 'closed_at'
  | 'closest_task_at'
  | 'created_by'
  | 'updated_by'
  | 'responsible_user_id'
  | 'pipeline_id'
  | 'status_id'
>;

const inRange = (v: number | null, r: { from?: number; to?: number }) =>
  v !== null && (r.from === undefined || v >= r.from) && (r.to === undefined || v <= r.to);

/** Kommo's answer, one lead at a time. */
function reference(leads: readonly TestLead[], query: LeadsQuery): TestLead[] {
  const f = query.filter ?? {};
  const kept = leads.filter((l) => {
    for (const field of ['id', 'created_by', 'updated_by', 'responsible_user_id', 'pipeline_id'] as const) {
      const values = f[field];
      if (values && (l[field] === null || !values.includes(l[field]))) return false;
    }
    if (f.name && (l.name === null || !f.name.some((n) => n.toLowerCase() === l.name?.toLowerCase()))) return false;
    const whole = l.price === null ? null : Math.trunc(l.price);
    if (typeof f.price === 'number' && whole !== f.price) return false;
    if (typeof f.price === 'object' && (f.price.from !== undefined || f.price.to !== undefined) && !inRange(whole, f.price)) return false;
    for (const field of ['created_at', 'updated_at', 'closed_at', 'closest_task_at'] as const) {
      const r = f[field];
      if (r && (r.from !== undefined || r.to !== undefined) && !inRange(l[field], r)) return false;
    }
    if (f.statuses?.length && !f.statuses.some((s) => s.pipeline_id === l.pipeline_id && s.status_id === l.status_id)) return false;
    if (query.tasks === 'none' && l.closest_task_at !== null) return false;
    return true;
  });
  const { field, direction } = effectiveOrder(query.order);
  const key = (l: TestLead) => l[field] ?? Number.NEGATIVE_INFINITY;
  const sign = direction === 'desc' ? -1 : 1;
  return kept.sort((a, b) => sign * (key(a) !== key(b) ? (key(a) < key(b) ? -1 : 1) : a.id - b.id));
}

const small = fc.integer({ min: 1, max: 4 });
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

function leadsArb(wide: boolean) {
  const date = wide
    ? fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(2 ** 40), fc.constant(-5))
    : fc.integer({ min: 1_700_000_000, max: 1_700_000_004 });
  const lead = fc.record({
    name: nullable(fc.constantFrom('Acme', 'acme', 'Zeta', 'ÁRVORE', 'árvore')),
    price: nullable(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -3, max: 3, noNaN: true }))),
    created_at: nullable(date),
    updated_at: date,
    closed_at: nullable(date),
    closest_task_at: nullable(date),
    created_by: nullable(small),
    updated_by: nullable(small),
    responsible_user_id: nullable(wide ? fc.constantFrom(1, 2, 2 ** 35) : small),
    pipeline_id: nullable(fc.integer({ min: 1, max: 2 })),
    status_id: nullable(fc.constantFrom(10, 11, 142, 143)),
  });
  return fc
    .uniqueArray(fc.integer({ min: 1, max: wide ? 2 ** 40 : 60 }), { minLength: 0, maxLength: 60 })
    .chain((ids) => fc.tuple(...ids.map((id) => lead.map((l): TestLead => ({ id, ...l })))));
}

const rangeArb = fc.record(
  { from: fc.option(fc.integer({ min: -5, max: 3 }), { nil: undefined }), to: fc.option(fc.integer({ min: 0, max: 2 ** 41 }), { nil: undefined }) },
  { requiredKeys: [] },
);
const queryArb: fc.Arbitrary<LeadsQuery> = fc.record(
  {
    order: fc.record({
      field: fc.constantFrom<OrderField>('id', 'created_at', 'updated_at'),
      direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
    }),
    tasks: fc.constant('none' as const),
    filter: fc.record(
      {
        id: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }),
        responsible_user_id: fc.array(fc.constantFrom(1, 2, 3, 2 ** 35), { minLength: 1, maxLength: 2 }),
        created_by: fc.array(small, { minLength: 1, maxLength: 2 }),
        pipeline_id: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 1 }),
        name: fc.array(fc.constantFrom('ACME', 'árvore', 'none'), { minLength: 1, maxLength: 2 }),
        price: fc.oneof(fc.integer({ min: -3, max: 3 }), rangeArb),
        created_at: rangeArb,
        closed_at: rangeArb,
        closest_task_at: rangeArb,
        statuses: fc.array(fc.record({ pipeline_id: fc.integer({ min: 1, max: 2 }), status_id: fc.constantFrom(10, 142, 143) }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

describe('the local copy index', () => {
  for (const wide of [false, true]) {
    it(`answers every filter, order, count and price sum as Kommo would (${wide ? 'ids and dates past 32 bits' : 'close timestamps and many ties'})`, () => {
      fc.assert(
        fc.property(leadsArb(wide), fc.array(queryArb, { minLength: 1, maxLength: 4 }), (leads, queries) => {
          const index = new LocalLeadsIndex<TestLead & IndexedLead>();
          index.upsert(leads as (TestLead & IndexedLead)[]);
          for (const query of queries) {
            const expected = reference(leads, query);
            const slice = index.slice(query, 0, 1_000);
            expect(slice.leads.map((l) => l.id)).toEqual(expected.map((l) => l.id));
            expect(slice.count).toBe(expected.length);
            expect(slice.priceSum).toBe(expected.reduce((sum, l) => sum + (l.price ?? 0), 0));
          }
        }),
        { seed: 2222, numRuns: 300 },
      );
    });
  }

  it('answers again after leads change, are removed and the copy is cleared', () => {
    const lead = (id: number, created_at: number | null, price: number | null): TestLead => ({
      id,
      name: null,
      price,
      created_at,
      updated_at: 1,
      closed_at: null,
      closest_task_at: null,
      created_by: null,
      updated_by: null,
      responsible_user_id: null,
      pipeline_id: 1,
      status_id: 10,
    });
    const index = new LocalLeadsIndex<TestLead & IndexedLead>();
    const byCreated: LeadsQuery = { order: { field: 'created_at', direction: 'asc' } };
    index.upsert([lead(1, 30, 5), lead(2, null, 7), lead(3, 10, null)] as (TestLead & IndexedLead)[]);
    expect(index.slice(byCreated, 0, 10).leads.map((l) => l.id)).toEqual([2, 3, 1]);
    index.upsert([lead(2, 40, 1.5)] as (TestLead & IndexedLead)[]);
    index.remove([3]);
    expect(index.slice(byCreated, 0, 10)).toMatchObject({ count: 2, priceSum: 6.5, nextOffset: null });
    expect(index.slice(byCreated, 0, 1)).toMatchObject({ leads: [{ id: 1 }], nextOffset: 1 });
    expect(index.slice(byCreated, 1, 1).leads.map((l) => l.id)).toEqual([2]);
    index.clear();
    expect(index.slice(byCreated, 0, 10)).toEqual({ count: 0, priceSum: 0, leads: [], nextOffset: null });
  });

  it('refuses a rolling date preset it was not given resolved', () => {
    const index = new LocalLeadsIndex<TestLead & IndexedLead>();
    expect(() => index.totals({ dates: { closed_at: 'thisMonth' } })).toThrow(/resolved first/);
  });
});
