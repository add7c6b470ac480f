import { describe, expect, it } from 'vitest';
import { resolveOpenStages } from '@/kommo/pipeline-stages';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { encodeViewSearch, parseViewSearch } from '@/lib/url-state/leads-url-codec';
import { BUILT_IN_COLUMN, BUILT_IN_SORT, BUILT_IN_VIEWS, builtInUnavailable, builtInView, type BuiltInContext } from './built-in-views';

const status = (id: number, pipeline_id: number, sort: number) => ({ id, name: `S${id}`, sort, color: '#fff', type: 0, pipeline_id });
const pipelines: Pipeline[] = [
  {
    id: 1,
    name: 'Sales',
    sort: 1,
    is_main: true,
    _embedded: { statuses: [status(11, 1, 10), status(142, 1, 10000), status(143, 1, 11000), status(12, 1, 20)] },
  },
  { id: 2, name: 'Partners', sort: 2, is_main: false, _embedded: { statuses: [status(21, 2, 10), status(142, 2, 10000), status(143, 2, 11000)] } },
  { id: 3, name: 'Old', sort: 3, is_main: false, is_archive: true, _embedded: { statuses: [status(31, 3, 10), status(142, 3, 10000)] } },
];
const ctx: BuiltInContext = { currentUserId: 7, pipelines };

describe('built-in views', () => {
  it('my open leads: me, and the rule "open stages of every active pipeline" (resolved when the list is built)', () => {
    const mine = builtInView('myOpenLeads', ctx);
    expect(mine?.filter).toEqual({ responsible_user_id: [7] });
    expect(mine?.open).toBe('all');
    expect(encodeViewSearch(mine ?? {})).toMatch(/&open=all$/);
    expect(resolveOpenStages(mine ?? {}, pipelines).filter).toEqual({
      responsible_user_id: [7],
      statuses: [
        { pipeline_id: 1, status_id: 11 },
        { pipeline_id: 1, status_id: 12 },
        { pipeline_id: 2, status_id: 21 },
      ],
    });
  });

  it('what needs my attention: my open leads (the rule), ranked in the browser by the attention column, worst first', () => {
    const view = builtInView('needsAttention', ctx);
    expect(view).toEqual({ order: { field: 'id', direction: 'asc' }, filter: { responsible_user_id: [7] }, open: 'all' });
    expect(BUILT_IN_SORT.needsAttention).toEqual({ column: 'attention', direction: 'desc' });
    expect(BUILT_IN_COLUMN.needsAttention).toBe('attention');
    expect(builtInUnavailable('needsAttention', { ...ctx, currentUserId: null })).toBe('noCurrentUser');
  });

  it('won / lost this month: 142 / 143 in every pipeline, closed this month as a rolling preset', () => {
    const won = builtInView('wonThisMonth', ctx);
    expect(won?.filter).toEqual({
      statuses: [
        { pipeline_id: 1, status_id: 142 },
        { pipeline_id: 2, status_id: 142 },
      ],
    });
    expect(won?.dates).toEqual({ closed_at: 'thisMonth' });
    expect(encodeViewSearch(won ?? {})).toContain('date[closed_at]=thisMonth');
    const lost = builtInView('lostThisMonth', ctx);
    expect(lost?.filter?.statuses?.map((s) => s.status_id)).toEqual([143, 143]);
    expect(lost?.with).toEqual(['loss_reason']);
  });

  it("leads without tasks: the open stages with the app's post-filter, stalest first", () => {
    expect(builtInUnavailable('withoutTasks', ctx)).toBeNull();
    expect(builtInView('withoutTasks', ctx)).toEqual({ order: { field: 'updated_at', direction: 'asc' }, tasks: 'none', open: 'all' });
    expect(encodeViewSearch(builtInView('withoutTasks', ctx) ?? {})).toMatch(/&tasks=none&open=all$/);
    expect(builtInUnavailable('withoutTasks', { ...ctx, pipelines: [] })).toBe('noPipelines');
  });
  it('overdue tasks: mine, open stages only, a closest task due before the moment of fetching (no frozen time), soonest due first', () => {
    const overdue = builtInView('overdueTasks', ctx);
    expect(overdue?.filter?.responsible_user_id).toEqual([7]);
    expect(overdue?.order).toBeUndefined();
    expect(BUILT_IN_SORT.overdueTasks).toEqual({ column: 'closest_task_at', direction: 'asc' });
    expect(BUILT_IN_COLUMN.overdueTasks).toBe('closest_task_at');
    expect(builtInUnavailable('overdueTasks', { ...ctx, currentUserId: null })).toBe('noCurrentUser');
    expect(resolveOpenStages(overdue ?? {}, pipelines).filter?.statuses?.map((s) => s.status_id)).toEqual([11, 12, 21]);
    expect(overdue?.filter?.closest_task_at).toBeUndefined();
    expect(overdue?.dates).toEqual({ closest_task_at: 'beforeNow' });
    expect(encodeViewSearch(overdue ?? {})).not.toMatch(/closest_task_at\]\[(from|to)\]/);
  });

  it('without a current user "my open leads" is unavailable', () => {
    expect(builtInUnavailable('myOpenLeads', { ...ctx, currentUserId: null })).toBe('noCurrentUser');
    expect(builtInView('wonThisMonth', { ...ctx, pipelines: [] })).toBeNull();
  });

  it('every built-in view survives the URL round trip', () => {
    for (const id of BUILT_IN_VIEWS) {
      const view = builtInView(id, ctx);
      expect(view).not.toBeNull();
      expect(parseViewSearch(encodeViewSearch(view ?? {}))).toEqual({ query: view, issues: [] });
    }
  });
});
