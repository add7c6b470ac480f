import { describe, expect, it } from 'vitest';
import { openStages, resolveOpenStages } from './pipeline-stages';
import type { LeadsQuery } from './leads-query';
import type { Pipeline } from './pipeline-schema';
import { viewKey } from './view-key';

const status = (id: number, pipeline_id: number, sort: number) => ({ id, name: `S${id}`, sort, color: '#fff', type: 0, pipeline_id });
const sales = (extra: ReturnType<typeof status>[] = []): Pipeline => ({
  id: 1,
  name: 'Sales',
  sort: 1,
  is_main: true,
  _embedded: { statuses: [status(11, 1, 10), status(12, 1, 20), ...extra, status(142, 1, 10000), status(143, 1, 11000)] },
});
const partners: Pipeline = {
  id: 2,
  name: 'Partners',
  sort: 2,
  is_main: false,
  _embedded: { statuses: [status(21, 2, 10), status(142, 2, 10000), status(143, 2, 11000)] },
};
const archived: Pipeline = { id: 3, name: 'Old', sort: 3, is_main: false, is_archive: true, _embedded: { statuses: [status(31, 3, 10)] } };

describe('the "open leads only" rule', () => {
  it('resolves to the open stages of every active pipeline, keeping the other filters', () => {
    const view: LeadsQuery = { filter: { responsible_user_id: [7] }, open: 'all' };
    const resolved = resolveOpenStages(view, [sales(), partners, archived]);
    expect(resolved).toEqual({ filter: { responsible_user_id: [7], statuses: openStages([sales(), partners]) } });
    expect(resolved.filter?.statuses?.map((s) => s.status_id)).toEqual([11, 12, 21]);
  });

  it('a saved link takes in a stage added to the pipeline after it was saved', () => {
    const saved: LeadsQuery = { filter: { responsible_user_id: [7] }, open: [1] };
    const before = resolveOpenStages(saved, [sales(), partners]);
    const after = resolveOpenStages(saved, [sales([status(13, 1, 30)]), partners]);
    expect(before.filter?.statuses?.map((s) => s.status_id)).toEqual([11, 12]);
    expect(after.filter?.statuses?.map((s) => s.status_id)).toEqual([11, 12, 13]);
    // The list is keyed by what it asks Kommo: the new stage makes a new list, not a stale cached one.
    expect(viewKey(after)).not.toBe(viewKey(before));
  });

  it('named pipelines that no longer exist match no lead instead of every lead', () => {
    expect(resolveOpenStages({ open: [9] }, [sales()])).toEqual({ filter: { pipeline_id: [9] } });
  });

  it('a view without the rule is left as it is', () => {
    const view = { filter: { statuses: [{ pipeline_id: 1, status_id: 11 }] } };
    expect(resolveOpenStages(view, [sales()])).toBe(view);
  });
});
