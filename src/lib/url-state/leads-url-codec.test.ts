import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DATE_FILTERS,
  ID_LIST_FILTERS,
  LEAD_WITH_VALUES,
  MAX_FILTER_VALUES,
  MAX_QUERY_LENGTH,
  ORDER_FIELDS,
  type LeadsFilter,
  type LeadsQuery,
  type QueryIssueReason,
  type Range,
  toLeadsView,
} from '@/kommo/leads-query';
import { encodeViewSearch, formatLocalSort, parseViewSearch, readLocalSort, viewHref, viewSearch, withLocalSort } from './leads-url-codec';
import { viewKey } from '@/kommo/view-key';

const id = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const ids = fc.array(id, { minLength: 1, maxLength: 12 });
// Any text a user can type, trimmed, as the codec normalises surrounding whitespace away.
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && s.length <= MAX_QUERY_LENGTH);
const range: fc.Arbitrary<Range> = fc
  .tuple(fc.option(id, { nil: undefined }), fc.option(id, { nil: undefined }))
  .filter(([a, b]) => a !== undefined || b !== undefined)
  .map(([a, b]) => {
    const [from, to] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
    return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  });
const stages = fc.uniqueArray(fc.record({ pipeline_id: id, status_id: id }), {
  minLength: 1,
  maxLength: 6,
  selector: (s) => `${s.pipeline_id}:${s.status_id}`,
});

const filterArb: fc.Arbitrary<LeadsFilter> = fc.record(
  {
    id: ids,
    created_by: ids,
    updated_by: ids,
    responsible_user_id: ids,
    pipeline_id: ids,
    name: fc.array(text, { minLength: 1, maxLength: 5 }),
    price: fc.oneof(id, range),
    statuses: stages,
    created_at: range,
    updated_at: range,
    closed_at: range,
    closest_task_at: range,
  },
  { requiredKeys: [] },
);

const viewArb: fc.Arbitrary<LeadsQuery> = fc
  .record(
    {
      with: fc.uniqueArray(fc.constantFrom(...LEAD_WITH_VALUES), { minLength: 1 }),
      query: text,
      order: fc.record({ field: fc.constantFrom(...ORDER_FIELDS), direction: fc.constantFrom('asc' as const, 'desc' as const) }),
      filter: filterArb,
      tasks: fc.constant('none' as const),
      open: fc.oneof(
        fc.constant('all' as const),
        fc.uniqueArray(id, { minLength: 1, maxLength: 5 }).map((xs) => [...xs].sort((a, b) => a - b)),
      ),
    },
    { requiredKeys: [] },
  )
  // The open-leads rule replaces a stage list: together, the codec keeps the rule only.
  .map((q) => (q.open !== undefined && q.filter?.statuses ? { ...q, filter: { ...q.filter, statuses: undefined } } : q))
  .map((q) => (q.filter && Object.keys(q.filter).length === 0 ? { ...q, filter: undefined } : q))
  // "Without tasks" and a closest-task range contradict each other; the codec keeps the range only.
  .map((q) => (q.tasks && q.filter?.closest_task_at ? { ...q, tasks: undefined } : q))
  .map((q) => JSON.parse(JSON.stringify(q)) as LeadsQuery);

describe('view URL codec: round trip', () => {
  it('encode then parse gives the same view, with no issues (property)', () => {
    fc.assert(
      fc.property(viewArb, (q) => {
        const search = encodeViewSearch(q);
        const parsed = parseViewSearch(search);
        expect(parsed.issues).toEqual([]);
        expect(parsed.query).toEqual(q);
        // Canonical: encoding the parsed view gives the same string back.
        expect(encodeViewSearch(parsed.query)).toBe(search);
      }),
      { numRuns: 400 },
    );
  });

  it('survives a trip through a real URL (address bar, copy, paste)', () => {
    fc.assert(
      fc.property(viewArb, (q) => {
        const url = new URL(`http://x.test${viewHref(q, { pathname: '/', hash: '' })}`);
        expect(parseViewSearch(url.search).query).toEqual(q);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['query', { query: 'acme & sons' }, '?query=acme%20%26%20sons'],
    ['with', { with: ['contacts', 'loss_reason'] }, '?with=contacts,loss_reason'],
    ['order', { order: { field: 'updated_at', direction: 'asc' } }, '?order[updated_at]=asc'],
    ['ids', { filter: { responsible_user_id: [1, 2] } }, '?filter[responsible_user_id][]=1&filter[responsible_user_id][]=2'],
    ['name', { filter: { name: ['Deal, big'] } }, '?filter[name][]=Deal,%20big'],
    ['exact price', { filter: { price: 5000 } }, '?filter[price]=5000'],
    ['price range', { filter: { price: { from: 10, to: 20 } } }, '?filter[price][from]=10&filter[price][to]=20'],
    ['open date range', { filter: { closed_at: { to: 99 } } }, '?filter[closed_at][to]=99'],
    [
      'stages',
      {
        filter: {
          statuses: [
            { pipeline_id: 1, status_id: 142 },
            { pipeline_id: 2, status_id: 142 },
          ],
        },
      },
      '?filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=142&filter[statuses][1][pipeline_id]=2&filter[statuses][1][status_id]=142',
    ],
  ] satisfies [string, LeadsQuery, string][])('%s reads like the API call', (_name, q, search) => {
    expect(`?${encodeViewSearch(q)}`).toBe(search);
    expect(parseViewSearch(search)).toEqual({ query: q, issues: [] });
  });

  it('drops paging from the view and says so', () => {
    expect(toLeadsView({ page: 2, limit: 10, query: 'a' })).toEqual({ query: 'a' });
    expect(encodeViewSearch({ page: 2, limit: 10 })).toBe('');
    const { query, issues } = parseViewSearch('page=2&limit=10');
    expect(query).toEqual({});
    expect(issues.map((i) => [i.param, i.reason])).toEqual([
      ['page', 'unknown-parameter'],
      ['limit', 'unknown-parameter'],
    ]);
  });

  it("keeps the app's own embedded=1 out of the view and the notice, and carries it into new view URLs", () => {
    const parsed = parseViewSearch('?embedded=1&filter[id][]=5');
    expect(parsed.issues).toEqual([]);
    expect(parsed.query).toEqual({ filter: { id: [5] } });
    expect(viewHref({ query: 'acme' }, { pathname: '/', hash: '#klb-parent=x', search: '?embedded=1&filter[id][]=5' })).toBe(
      '/?embedded=1&query=acme#klb-parent=x',
    );
    expect(viewHref({ filter: { id: [7] } }, { pathname: '/', hash: '', search: '?filter[id][]=5' })).toBe('/?filter[id][]=7');
  });

  it('reads the app\'s tasks=none as the "without tasks" post-filter, after Kommo\'s parameters, and round-trips it', () => {
    const q: LeadsQuery = { order: { field: 'id', direction: 'desc' }, tasks: 'none' };
    expect(encodeViewSearch(q)).toBe('order[id]=desc&tasks=none');
    expect(encodeViewSearch({ tasks: 'none' })).toBe('tasks=none');
    expect(parseViewSearch('?tasks=none&order[id]=desc')).toEqual({ query: q, issues: [] });
    expect(parseViewSearch('tasks=%20none%20')).toEqual({ query: { tasks: 'none' }, issues: [] });
    expect(viewKey({ tasks: 'none' }) === viewKey({})).toBe(false);
    // The app parameter rides with the view, next to embedded=1, and is rewritten with it.
    expect(viewHref({ tasks: 'none', query: 'a' }, { pathname: '/', hash: '', search: '?embedded=1&tasks=none' })).toBe(
      '/?embedded=1&query=a&tasks=none',
    );
    expect(viewHref({ query: 'a' }, { pathname: '/', hash: '', search: '?tasks=none' })).toBe('/?query=a');
  });

  it.each([
    ['tasks=some', 'out-of-range'],
    ['tasks=NONE', 'out-of-range'],
    ['tasks=', 'empty'],
    ['tasks=none&tasks=none', 'several-orders'],
    ['tasks=none&tasks=x', 'out-of-range'],
  ] satisfies [string, QueryIssueReason][])('a bad tasks value is reported and the rest applies: %s', (search, reason) => {
    const { query, issues } = parseViewSearch(`${search}&filter[id][]=3`);
    expect(issues.map((i) => [i.param, i.reason])).toEqual([['tasks', reason]]);
    expect(query.filter).toEqual({ id: [3] });
  });

  it('"without tasks" with a closest-task range would show nothing: the range is kept and tasks reported', () => {
    const { query, issues } = parseViewSearch('filter[closest_task_at][from]=10&tasks=none');
    expect(query).toEqual({ filter: { closest_task_at: { from: 10 } } });
    expect(issues.map((i) => [i.param, i.reason])).toEqual([['tasks', 'several-orders']]);
  });

  it('compares views by their canonical encoding', () => {
    expect(viewKey({ filter: { id: [1] }, query: 'a' })).toBe(viewKey({ query: 'a', filter: { id: [1] }, page: 4, with: ['contacts'] }));
    expect(viewKey({ query: 'a' })).not.toBe(viewKey({ query: 'b' }));
  });
});

describe('view URL codec: invalid input, each with a named reason', () => {
  const cases: [string, string, QueryIssueReason][] = [
    ['unknown parameter', 'utm_source=mail', 'unknown-parameter'],
    ['unknown order field', 'order[price]=asc', 'unknown-parameter'],
    ['non-numeric id', 'filter[id][]=abc', 'not-an-integer'],
    ['negative id', 'filter[responsible_user_id][]=-3', 'not-an-integer'],
    ['fractional price', 'filter[price]=1.5', 'not-an-integer'],
    ['non-numeric date', 'filter[created_at][from]=yesterday', 'not-an-integer'],
    ['non-numeric stage', 'filter[statuses][0][pipeline_id]=x&filter[statuses][0][status_id]=1', 'not-an-integer'],
    ['bad direction', 'order[id]=up', 'invalid-direction'],
    ['bad with', 'with=everything', 'invalid-with'],
    ['too many values', Array.from({ length: MAX_FILTER_VALUES + 1 }, (_, i) => `filter[id][]=${i}`).join('&'), 'too-many-values'],
    ['too many names', Array.from({ length: MAX_FILTER_VALUES + 1 }, (_, i) => `filter[name][]=n${i}`).join('&'), 'too-many-values'],
    ['stage without status', 'filter[statuses][0][pipeline_id]=1', 'incomplete-stage'],
    ['two orders', 'order[id]=asc&order[created_at]=desc', 'several-orders'],
    ['price exact and range', 'filter[price]=5&filter[price][from]=1', 'several-orders'],
    ['inverted dates', 'filter[updated_at][from]=20&filter[updated_at][to]=10', 'inverted-range'],
    ['inverted price', 'filter[price][from]=20&filter[price][to]=10', 'inverted-range'],
    ['search too long', `query=${'a'.repeat(MAX_QUERY_LENGTH + 1)}`, 'too-long'],
    ['name too long', `filter[name][]=${'a'.repeat(MAX_QUERY_LENGTH + 1)}`, 'too-long'],
    ['empty name', 'filter[name][]=%20', 'empty'],
    ['page', 'page=3', 'unknown-parameter'],
  ];

  it.each(cases)('%s', (_name, search, reason) => {
    const { issues } = parseViewSearch(search);
    expect(issues.map((i) => i.reason)).toContain(reason);
    for (const issue of issues) {
      expect(issue.param).toBeTruthy();
      expect(issue.detail).toBeTruthy();
    }
  });

  it('applies the valid part next to the invalid part', () => {
    const { query, issues } = parseViewSearch('filter[id][]=1&filter[id][]=x&order[id]=up&query=ok&foo=bar');
    expect(query).toEqual({ query: 'ok', filter: { id: [1] } });
    expect(issues).toHaveLength(3);
  });
});

describe('view URL codec: garbage never throws', () => {
  const garbage = [
    '__proto__=1',
    'constructor=1&prototype=2',
    'filter[__proto__][]=1',
    'filter[constructor][from]=1',
    'order[__proto__]=asc',
    'filter[statuses][__proto__][pipeline_id]=1',
    'filter[statuses][0][__proto__]=1',
    '%E0%A4%A',
    'query=%E0%A4%A',
    'filter[id][]=%FF%FE',
    '%',
    '%%%%=%%%',
    '&&&==&=',
    '?',
    '??query=a',
    'filter',
    'filter[',
    'filter[id',
    'filter[id][]',
    'filter[statuses][99999][pipeline_id]=1',
    'filter[price]=99999999999999999999',
    'filter[id][]=1e5',
    'with=,,,',
    'query=' + '\uD800',
    'a'.repeat(200_000),
    Array.from({ length: 5000 }, (_, i) => `x${i}=${i}`).join('&'),
  ];

  it.each(garbage.map((g) => [g.slice(0, 50), g]))('%s', (_label, search) => {
    const run = () => parseViewSearch(search);
    expect(run).not.toThrow();
    const { query } = run();
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(() => encodeViewSearch(query)).not.toThrow();
  });

  it('any string at all parses without throwing (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const { query } = parseViewSearch(s);
        expect(() => encodeViewSearch(query)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('bracket-shaped garbage parses without throwing (property)', () => {
    const piece = fc.constantFrom('filter', '[', ']', 'statuses', 'id', '0', '__proto__', '=', '&', '%', 'from', 'order', 'x', '%5B');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        expect(() => parseViewSearch(pieces.join(''))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('never pollutes Object.prototype', () => {
    parseViewSearch('__proto__[polluted]=1&filter[__proto__][polluted]=1&constructor[prototype][polluted]=1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps every id list within the bound even from a huge URL', () => {
    const { query } = parseViewSearch(Array.from({ length: 1000 }, (_, i) => `filter[pipeline_id][]=${i}`).join('&'));
    expect(query.filter?.pipeline_id).toHaveLength(MAX_FILTER_VALUES);
  });

  it('date filters and id lists use only the known keys', () => {
    expect(DATE_FILTERS).toHaveLength(4);
    expect(ID_LIST_FILTERS).toHaveLength(5);
  });
});

describe('the "open leads only" rule (open=…)', () => {
  it('reads open=all and open=<pipeline ids> as the rule, not as a list of stages, and writes it back the same', () => {
    expect(parseViewSearch('filter[responsible_user_id][]=7&open=all')).toEqual({
      query: { filter: { responsible_user_id: [7] }, open: 'all' },
      issues: [],
    });
    expect(parseViewSearch('open=7,3,7').query).toEqual({ open: [7, 3] });
    expect(encodeViewSearch({ open: [7, 3] })).toBe('open=3,7');
    expect(encodeViewSearch({ filter: { responsible_user_id: [7] }, open: 'all' })).toBe('filter[responsible_user_id][]=7&open=all');
    expect(viewKey({ open: [3, 7] })).toBe(viewKey({ open: [7, 3] }));
  });

  it('older links with explicit stage pairs are still read as those stages', () => {
    const old =
      'filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=11&filter[statuses][1][pipeline_id]=1&filter[statuses][1][status_id]=12';
    expect(parseViewSearch(old)).toEqual({
      query: {
        filter: {
          statuses: [
            { pipeline_id: 1, status_id: 11 },
            { pipeline_id: 1, status_id: 12 },
          ],
        },
      },
      issues: [],
    });
  });

  it('names an unreadable, repeated or contradicting rule in the notice and keeps the first readable rule', () => {
    const bad = parseViewSearch('open=closed&open=1,x');
    expect(bad.query).toEqual({});
    expect(bad.issues.map((i) => [i.param, i.reason])).toEqual([
      ['open', 'out-of-range'],
      ['open', 'out-of-range'],
    ]);
    const twice = parseViewSearch('open=all&open=2');
    expect(twice.query).toEqual({ open: 'all' });
    expect(twice.issues.map((i) => i.reason)).toEqual(['several-orders']);
    const both = parseViewSearch('filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=11&open=1');
    expect(both.query).toEqual({ open: [1] });
    expect(both.issues.map((i) => i.param)).toEqual(['filter[statuses]']);
  });
});

describe('the browser-side sort parameter', () => {
  it('reads sort=column:direction, keeps it out of the view, and keeps it when the view changes', () => {
    expect(readLocalSort('?sort=price:desc&query=x')).toEqual({ column: 'price', direction: 'desc' });
    expect(parseViewSearch('?sort=cf_12:asc&query=x')).toEqual({ query: { query: 'x' }, issues: [] });
    expect(viewSearch({ query: 'y' }, '?sort=price:desc&query=x')).toBe('sort=price:desc&query=y');
  });

  it('names an unreadable or repeated sort in the notice and applies the first valid one', () => {
    const { issues } = parseViewSearch('?sort=price:up&sort=name:asc&sort=id:desc');
    expect(issues.map((i) => [i.param, i.reason])).toEqual([
      ['sort', 'invalid-direction'],
      ['sort', 'several-orders'],
    ]);
    expect(readLocalSort('?sort=price:up&sort=name:asc')).toEqual({ column: 'name', direction: 'asc' });
    expect(readLocalSort('?sort=__proto__:asc')).toBeNull();
  });

  it('replaces or removes the sort and leaves the rest of the address byte for byte', () => {
    expect(withLocalSort('?filter[id][]=1&sort=price:desc', { column: 'name', direction: 'asc' })).toBe('filter[id][]=1&sort=name:asc');
    expect(withLocalSort('filter[id][]=1&sort=price:desc', null)).toBe('filter[id][]=1');
    expect(formatLocalSort({ column: 'cf_3', direction: 'desc' })).toBe('cf_3:desc');
  });
});
