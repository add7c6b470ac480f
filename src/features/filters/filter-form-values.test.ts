import { describe, expect, it } from 'vitest';
import type { LeadsQuery } from '@/kommo/leads-query';
import { parseViewSearch } from '@/lib/url-state/leads-url-codec';
import { EMPTY_FILTER_FORM, formValuesFromQuery, queryFromFormValues, validateFilterForm, type FilterFormValues } from './filter-form-values';

const SP = 'America/Sao_Paulo';
const utc = (iso: string) => Date.parse(iso) / 1000;
const form = (patch: Partial<FilterFormValues>): FilterFormValues => ({ ...EMPTY_FILTER_FORM, ...patch });

describe('filter form <-> URL', () => {
  it('an empty form is an empty view', () => {
    expect(queryFromFormValues(EMPTY_FILTER_FORM, SP)).toEqual({});
    expect(formValuesFromQuery({}, SP)).toEqual(EMPTY_FILTER_FORM);
  });

  it('maps every field to Kommo parameters', () => {
    const q = queryFromFormValues(
      form({
        query: '  acme ',
        ids: ['1', '2'],
        names: ['Big deal'],
        priceMode: 'range',
        priceFrom: '5000',
        responsible_user_id: ['7'],
        created_by: ['8'],
        updated_by: ['9'],
        pipeline_id: ['10'],
        stages: ['10:20', '11:142'],
        created_at: ['2025-04-01', '2025-06-30'],
        closest_task_at: [null, '2025-06-02'],
        orderField: 'created_at',
        orderDirection: 'asc',
        with: ['contacts', 'loss_reason'],
        deletedOnly: false,
      }),
      SP,
    );
    expect(q).toEqual({
      query: 'acme',
      with: ['contacts', 'loss_reason'],
      order: { field: 'created_at', direction: 'asc' },
      filter: {
        id: [1, 2],
        name: ['Big deal'],
        price: { from: 5000 },
        responsible_user_id: [7],
        created_by: [8],
        updated_by: [9],
        pipeline_id: [10],
        statuses: [
          { pipeline_id: 10, status_id: 20 },
          { pipeline_id: 11, status_id: 142 },
        ],
        created_at: { from: utc('2025-04-01T03:00:00Z'), to: utc('2025-07-01T02:59:59Z') },
        closest_task_at: { to: utc('2025-06-03T02:59:59Z') },
      },
    });
    // And back: the form shows exactly what the URL holds.
    expect(queryFromFormValues(formValuesFromQuery(q, SP), SP, q)).toEqual(q);
  });

  it('applying the form keeps the "open leads only" rule; stages picked in the form replace it', () => {
    const view: LeadsQuery = { filter: { responsible_user_id: [7] }, open: 'all' };
    expect(queryFromFormValues(formValuesFromQuery(view, SP), SP, view)).toEqual(view);
    expect(queryFromFormValues(form({ stages: ['1:11'] }), SP, view)).toEqual({ filter: { statuses: [{ pipeline_id: 1, status_id: 11 }] } });
  });

  it('deleted mode is with=only_deleted next to the other with options', () => {
    const q = queryFromFormValues(form({ deletedOnly: true, with: ['contacts'] }), SP);
    expect(q.with).toEqual(['contacts', 'only_deleted']);
    expect(formValuesFromQuery(q, SP)).toMatchObject({ deletedOnly: true, with: ['contacts'] });
  });

  it("keeps a shared link's exact seconds when the picked days are unchanged", () => {
    const { query } = parseViewSearch('filter[updated_at][from]=1748880000&filter[updated_at][to]=1748890000');
    const values = formValuesFromQuery(query, SP);
    expect(queryFromFormValues(values, SP, query)).toEqual(query);
    // Picking another day rewrites that bound to the day's boundary.
    const moved = queryFromFormValues({ ...values, updated_at: ['2025-06-01', values.updated_at[1]] }, SP, query);
    expect(moved.filter?.updated_at).toEqual({ from: utc('2025-06-01T03:00:00Z'), to: 1748890000 });
  });

  it('exact price and price range', () => {
    expect(queryFromFormValues(form({ priceExact: '0' }), SP)).toEqual({ filter: { price: 0 } });
    expect(formValuesFromQuery({ filter: { price: 7 } }, SP)).toMatchObject({ priceMode: 'exact', priceExact: '7' });
    expect(formValuesFromQuery({ filter: { price: { to: 9 } } }, SP)).toMatchObject({ priceMode: 'range', priceFrom: '', priceTo: '9' });
  });

  it('round-trips views parsed from URLs', () => {
    const views: LeadsQuery[] = [
      { order: { field: 'id', direction: 'desc' } },
      { filter: { statuses: [{ pipeline_id: 1, status_id: 142 }] } },
      { with: ['only_deleted'] },
      { filter: { closed_at: { from: 1 } } },
    ];
    for (const v of views) expect(queryFromFormValues(formValuesFromQuery(v, SP), SP, v)).toEqual(v);
  });

  it('a picked quick range is saved as its rolling preset; an untouched fixed range stays fixed', () => {
    const now = Date.parse('2025-06-02T15:00:00Z') / 1000;
    const quarter = formValuesFromQuery({ dates: { created_at: 'thisQuarter' } }, SP, now);
    expect(quarter.created_at).toEqual(['2025-04-01', '2025-06-30']);
    expect(queryFromFormValues(quarter, SP, { dates: { created_at: 'thisQuarter' } }, now)).toEqual({ dates: { created_at: 'thisQuarter' } });
    const picked = { ...EMPTY_FILTER_FORM, closed_at: ['2025-06-01', '2025-06-30'] as [string, string] };
    expect(queryFromFormValues(picked, SP, {}, now)).toEqual({ dates: { closed_at: 'thisMonth' } });
    const fixed = { filter: { closed_at: { from: Date.parse('2025-06-01T03:00:00Z') / 1000, to: Date.parse('2025-07-01T02:59:59Z') / 1000 } } };
    expect(queryFromFormValues(formValuesFromQuery(fixed, SP, now), SP, fixed, now)).toEqual(fixed);
  });

  it('"only leads without tasks" is the app\'s tasks=none, next to Kommo\'s filters', () => {
    const q = queryFromFormValues(form({ withoutTasks: true, stages: ['1:20'] }), SP);
    expect(q).toEqual({ filter: { statuses: [{ pipeline_id: 1, status_id: 20 }] }, tasks: 'none' });
    expect(formValuesFromQuery(q, SP)).toMatchObject({ withoutTasks: true, stages: ['1:20'] });
    expect(formValuesFromQuery(parseViewSearch('tasks=none').query, SP).withoutTasks).toBe(true);
    expect(queryFromFormValues(formValuesFromQuery(q, SP), SP, q)).toEqual(q);
  });
});

describe('filter form validation', () => {
  it('accepts an empty and a full valid form', () => {
    expect(validateFilterForm(EMPTY_FILTER_FORM)).toEqual([]);
    expect(validateFilterForm(form({ ids: ['1'], priceMode: 'range', priceFrom: '1', priceTo: '1' }))).toEqual([]);
  });

  it.each<[string, Partial<FilterFormValues>, string, string]>([
    ['non-numeric id', { ids: ['12', 'abc'] }, 'ids', 'errNotANumber'],
    ['fractional id', { ids: ['1.5'] }, 'ids', 'errNotANumber'],
    ['too many ids', { ids: Array.from({ length: 251 }, (_, i) => String(i)) }, 'ids', 'errTooMany'],
    ['too many names', { names: Array.from({ length: 251 }, (_, i) => `n${i}`) }, 'names', 'errTooMany'],
    ['long name', { names: ['x'.repeat(501)] }, 'names', 'errTooLong'],
    ['too many users', { responsible_user_id: Array.from({ length: 251 }, (_, i) => String(i)) }, 'responsible_user_id', 'errTooMany'],
    ['long search', { query: 'q'.repeat(501) }, 'query', 'errTooLong'],
    ['non-numeric price', { priceExact: '12k' }, 'priceExact', 'errNotANumber'],
    ['negative price', { priceMode: 'range', priceFrom: '-5' }, 'priceFrom', 'errNegative'],
    ['price from after to', { priceMode: 'range', priceFrom: '10', priceTo: '5' }, 'priceTo', 'errFromAfterTo'],
    ['dates from after to', { closed_at: ['2025-06-02', '2025-06-01'] }, 'closed_at', 'errFromAfterTo'],
    [
      'without tasks and a closest-task range',
      { withoutTasks: true, closest_task_at: [null, '2025-06-01'] },
      'withoutTasks',
      'errWithoutTasksAndRange',
    ],
  ])('%s', (_name, patch, field, key) => {
    expect(validateFilterForm(form(patch))).toContainEqual(expect.objectContaining({ field, key }));
  });

  it('without tasks is fine with every other date range', () => {
    expect(validateFilterForm(form({ withoutTasks: true, created_at: ['2025-06-01', '2025-06-02'] }))).toEqual([]);
  });

  it('names the bad value in the message values', () => {
    expect(validateFilterForm(form({ ids: ['x1'] }))[0]?.values).toEqual({ value: 'x1' });
  });
});
