import { describe, expect, it } from 'vitest';
import type { LeadRights } from '@/kommo/lead-rights';
import type { Lead } from '@/kommo/lead-schema';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { exportableLeads } from './exportable-leads';

const pipelines = [
  {
    id: 10,
    name: 'Sales',
    sort: 1,
    is_main: true,
    _embedded: {
      statuses: [
        { id: 100, name: 'Incoming', sort: 1, color: '#fff', type: 1, pipeline_id: 10 },
        { id: 101, name: 'Talks', sort: 2, color: '#fff', type: 0, pipeline_id: 10 },
        { id: 142, name: 'Won', sort: 3, color: '#fff', type: 0, pipeline_id: 10 },
      ],
    },
  },
] as unknown as Pipeline[];
const lead = (id: number, responsible: number, status = 101) =>
  ({ id, responsible_user_id: responsible, pipeline_id: 10, status_id: status }) as Lead;
const leads = [lead(1, 7), lead(2, 8), lead(3, 9), lead(4, 7, 100), lead(5, 7, 142)];
const groupOf = (id: number) => (id === 9 ? 2 : 1);
const rights = (view: LeadRights['leads']['view'], exp: LeadRights['leads']['export'], more: Partial<LeadRights> = {}): LeadRights => ({
  userId: 7,
  isAdmin: false,
  groupId: 1,
  leads: { view, export: exp },
  stageRights: {},
  ...more,
});
const ids = (r: ReturnType<typeof exportableLeads>) => ({ ids: r.leads.map((l) => l.id), leftOut: r.leftOut });

describe('exportableLeads', () => {
  it('keeps every lead for an administrator or unknown rights', () => {
    expect(ids(exportableLeads(leads, rights('D', 'D', { isAdmin: true }), groupOf, pipelines))).toEqual({ ids: [1, 2, 3, 4, 5], leftOut: 0 });
    expect(ids(exportableLeads(leads, null, groupOf, pipelines))).toEqual({ ids: [1, 2, 3, 4, 5], leftOut: 0 });
  });

  it('M keeps the own leads, G the group’s, D none; incoming-leads stages never', () => {
    expect(ids(exportableLeads(leads, rights('A', 'M'), groupOf, pipelines))).toEqual({ ids: [1, 5], leftOut: 3 });
    expect(ids(exportableLeads(leads, rights('A', 'G'), groupOf, pipelines))).toEqual({ ids: [1, 2, 5], leftOut: 2 });
    expect(ids(exportableLeads(leads, rights('A', 'D'), groupOf, pipelines))).toEqual({ ids: [], leftOut: 5 });
    expect(ids(exportableLeads(leads, rights('A', 'A'), groupOf, pipelines))).toEqual({ ids: [1, 2, 3, 5], leftOut: 1 });
  });

  it('a stage right hiding won leads takes them out of the file too', () => {
    const r = rights('A', 'A', { stageRights: { '10:142': { view: 'D', export: 'D' } } });
    expect(ids(exportableLeads(leads, r, groupOf, pipelines))).toEqual({ ids: [1, 2, 3], leftOut: 2 });
  });
});
