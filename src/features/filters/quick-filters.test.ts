import { describe, expect, it } from 'vitest';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { User } from '@/kommo/user-schema';
import { quickState, teamIds, withOpenOnly, withPipeline, withResponsible, withSearch } from './quick-filters';

const status = (id: number, pipeline_id: number, sort: number) => ({ id, name: `S${id}`, sort, color: '#fff', type: 0, pipeline_id });
const pipelines: Pipeline[] = [
  {
    id: 1,
    name: 'Sales',
    sort: 1,
    is_main: true,
    _embedded: { statuses: [status(11, 1, 10), status(12, 1, 20), status(142, 1, 10000), status(143, 1, 11000)] },
  },
  { id: 2, name: 'Partners', sort: 2, is_main: false, _embedded: { statuses: [status(21, 2, 10), status(142, 2, 10000), status(143, 2, 11000)] } },
];
const user = (id: number, group: number, active = true): User => ({ id, name: `U${id}`, rights: { is_active: active, group_id: group } });
const users = [user(1, 5), user(2, 5), user(3, 6), user(4, 5, false)];

describe('quick filters', () => {
  it('my team: me and the active users of my groups', () => {
    expect(teamIds(users, 1)).toEqual([1, 2]);
    expect(teamIds(users, null)).toEqual([]);
    const embedded = [
      { ...user(7, 0), _embedded: { groups: [{ id: 9, name: 'G' }] } },
      { ...user(8, 0), _embedded: { groups: [{ id: 9, name: 'G' }] } },
    ] as User[];
    expect(teamIds(embedded, 7)).toEqual([7, 8]);
  });

  it('read their state from the view and write a new view', () => {
    const mine = withResponsible({}, [1]);
    expect(quickState(mine, users, pipelines, 1)).toMatchObject({ me: true, team: false });
    expect(quickState(withResponsible({}, [2, 1]), users, pipelines, 1)).toMatchObject({ me: false, team: true });
    expect(withSearch({ query: 'a' }, '  ')).toEqual({});
    // "Open leads only" is written as a rule, not a list of stages (issue 23).
    const open = withOpenOnly(withPipeline({}, 1, pipelines), true);
    expect(open).toEqual({ open: [1] });
    expect(quickState(open, users, pipelines, 1)).toMatchObject({ openOnly: true, pipelineId: 1 });
    // Another pipeline keeps "open only": the rule names that pipeline instead.
    expect(withPipeline(open, 2, pipelines)).toEqual({ open: [2] });
    expect(withPipeline(open, null, pipelines)).toEqual({ open: 'all' });
    expect(withOpenOnly(open, false)).toEqual({ filter: { pipeline_id: [1] } });
    expect(withOpenOnly({}, true)).toEqual({ open: 'all' });
    expect(quickState({ open: 'all' }, users, pipelines, 1)).toMatchObject({ openOnly: true, pipelineId: null });
  });

  it('an older link listing exactly the open stages still reads as open only, and switching pipeline writes the rule', () => {
    const old = {
      filter: {
        statuses: [
          { pipeline_id: 1, status_id: 11 },
          { pipeline_id: 1, status_id: 12 },
        ],
      },
    };
    expect(quickState(old, users, pipelines, 1)).toMatchObject({ openOnly: true, pipelineId: 1 });
    expect(withPipeline(old, 2, pipelines)).toEqual({ open: [2] });
    // One open stage of two is a stage filter, not "open only".
    expect(quickState({ filter: { statuses: [{ pipeline_id: 1, status_id: 11 }] } }, users, pipelines, 1).openOnly).toBe(false);
  });
});
