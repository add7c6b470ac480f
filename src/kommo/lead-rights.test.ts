import { describe, expect, it } from 'vitest';
import userDetail from './fixtures/real/amocrm-docs-user-detail.json';
import usersWithGroups from './fixtures/real/amocrm-docs-users-with-role-group.json';
import { exportReach, isLimited, leadRightsFromApiUser, mayOnLead, type LeadRights } from './lead-rights';

const groups = new Map<number, number>([
  [1, 10],
  [2, 10],
  [3, 20],
]);
const groupOf = (id: number) => groups.get(id);
const lead = (responsible: number | null, pipeline = 100, status = 200) => ({
  responsible_user_id: responsible,
  pipeline_id: pipeline,
  status_id: status,
});
const rights = (view: LeadRights['leads']['view'], exp: LeadRights['leads']['export'], more: Partial<LeadRights> = {}): LeadRights => ({
  userId: 1,
  isAdmin: false,
  groupId: 10,
  leads: { view, export: exp },
  stageRights: {},
  ...more,
});

describe('mayOnLead: Kommo front end rule', () => {
  it('lets an administrator do anything, whatever the letters say', () => {
    const admin = rights('D', 'D', { isAdmin: true, stageRights: { '100:200': { view: 'D' } } });
    expect(mayOnLead(admin, 'view', lead(3), groupOf)).toBe(true);
    expect(mayOnLead(admin, 'export', lead(null), groupOf)).toBe(true);
  });

  it('A allows, M only the own leads, G the group, D nothing', () => {
    expect([1, 2, 3, null].map((r) => mayOnLead(rights('A', 'A'), 'view', lead(r), groupOf))).toEqual([true, true, true, true]);
    expect([1, 2, 3, null].map((r) => mayOnLead(rights('M', 'M'), 'view', lead(r), groupOf))).toEqual([true, false, false, false]);
    expect([1, 2, 3, null].map((r) => mayOnLead(rights('G', 'G'), 'view', lead(r), groupOf))).toEqual([true, true, false, false]);
    expect([1, 2, 3].map((r) => mayOnLead(rights('D', 'A'), 'view', lead(r), groupOf))).toEqual([false, false, false]);
  });

  it('G with no group known for either side denies', () => {
    expect(mayOnLead(rights('G', 'G', { groupId: null }), 'view', lead(9), groupOf)).toBe(false);
    expect(mayOnLead(rights('G', 'G', { groupId: null }), 'view', lead(2), groupOf)).toBe(true); // own group from the lookup
  });

  it('limiting view removes export: export A with view M exports only the own leads', () => {
    const r = rights('M', 'A');
    expect(mayOnLead(r, 'export', lead(1), groupOf)).toBe(true);
    expect(mayOnLead(r, 'export', lead(2), groupOf)).toBe(false);
    expect(mayOnLead(rights('A', 'D'), 'export', lead(1), groupOf)).toBe(false);
  });

  it('a stage right replaces the general one for its stage only, and a key it lacks denies', () => {
    const r = rights('A', 'A', { stageRights: { '100:200': { view: 'D' }, '100:201': { view: 'A' } } });
    expect(mayOnLead(r, 'view', lead(1, 100, 200), groupOf)).toBe(false);
    expect(mayOnLead(r, 'view', lead(1, 101, 200), groupOf)).toBe(true);
    expect(mayOnLead(r, 'view', lead(3, 100, 201), groupOf)).toBe(true);
    expect(mayOnLead(r, 'export', lead(3, 100, 201), groupOf)).toBe(false);
  });

  it('an incoming-leads stage has no export right', () => {
    const incoming = { isIncomingStage: (p: number, s: number) => p === 100 && s === 200 };
    expect(mayOnLead(rights('A', 'A'), 'export', lead(1, 100, 200), groupOf, incoming)).toBe(false);
    expect(mayOnLead(rights('A', 'A'), 'view', lead(1, 100, 200), groupOf, incoming)).toBe(true);
    expect(mayOnLead(rights('A', 'A'), 'export', lead(1, 100, 201), groupOf, incoming)).toBe(true);
  });

  it('says when the user sees only part of the account, and how far export reaches', () => {
    expect(isLimited(rights('A', 'A'))).toBe(false);
    expect(isLimited(rights('M', 'D'))).toBe(true);
    expect(isLimited(rights('A', 'A', { stageRights: { '1:2': { view: 'D' } } }))).toBe(true);
    expect(isLimited(rights('M', 'D', { isAdmin: true }))).toBe(false);
    expect(exportReach(rights('M', 'D'))).toBe('none');
    expect(exportReach(rights('D', 'A'))).toBe('none');
    expect(exportReach(rights('M', 'M'))).toBe('some');
    expect(exportReach(rights('A', 'A'))).toBe('all');
    expect(exportReach(null)).toBe('all');
  });
});

describe('leadRightsFromApiUser: real /api/v4/users bodies', () => {
  it('reads the docs user with M rights and three stage rights that hide stages', () => {
    const r = leadRightsFromApiUser(userDetail);
    expect(r).toEqual({
      userId: 185848,
      isAdmin: false,
      groupId: null,
      leads: { view: 'M', export: 'M' },
      stageRights: {
        '3166396:142': { view: 'D', export: 'D' },
        '3166396:32311027': { view: 'D' },
        '3104455:31881115': { view: 'D' },
      },
    });
    if (!r) throw new Error('unreadable');
    expect(mayOnLead(r, 'view', lead(185848, 3166396, 142), () => null)).toBe(false);
    expect(mayOnLead(r, 'export', lead(185848, 3166396, 5), () => null)).toBe(true);
  });

  it('takes the group from the user’s own _embedded.groups when rights.group_id is null, and reads null status_rights', () => {
    const [first, second] = usersWithGroups._embedded.users;
    expect(leadRightsFromApiUser(first)?.groupId).toBe(267688);
    const admin = leadRightsFromApiUser(second);
    expect(admin?.isAdmin).toBe(true);
    expect(admin?.leads).toEqual({ view: 'A', export: 'M' });
    expect(admin?.stageRights).toEqual({});
  });

  it('denies what a body does not state and refuses what is not a user', () => {
    expect(leadRightsFromApiUser({ id: 5, rights: {} })?.leads).toEqual({ view: 'D', export: 'D' });
    expect(leadRightsFromApiUser({ id: 5, rights: { leads: { view: 'L', export: 42 } } })?.leads).toEqual({ view: 'D', export: 'D' });
    expect(leadRightsFromApiUser({ id: 'x', rights: {} })).toBeNull();
    expect(leadRightsFromApiUser(null)).toBeNull();
  });
});
