import { describe, expect, it } from 'vitest';
import pageConstants from './fixtures/real/kommo-page-constants.json';
import { leadRightsFromPage, pageGroupId } from './page-lead-rights';

describe('leadRightsFromPage: the Kommo page constants', () => {
  it('reads user_rights with base rights and stage rights keyed by pipeline and status', () => {
    const r = leadRightsFromPage(pageConstants.user_rights, pageConstants.user, pageConstants.managers);
    expect(r).toEqual({
      userId: 123456,
      isAdmin: false,
      groupId: null,
      leads: { view: 'M', export: 'D' },
      stageRights: { '3166396:142': { view: 'D', export: 'D' } },
    });
  });

  it('takes the group from the managers constant and reads Y/N and 1/0 flags', () => {
    const user = { id: '663142' };
    expect(leadRightsFromPage({ is_admin: 'N', leads: { view: 'G' } }, user, pageConstants.managers)?.groupId).toBe(493002);
    expect(leadRightsFromPage({ is_admin: 1 }, user)?.isAdmin).toBe(true);
    expect(leadRightsFromPage({ is_admin: 'Y' }, user)?.isAdmin).toBe(true);
  });

  it('never reads export wider than view: a boolean export follows the view letter', () => {
    expect(leadRightsFromPage({ leads: { view: 'M', export: true } }, { id: 1 })?.leads).toEqual({ view: 'M', export: 'M' });
    expect(leadRightsFromPage({ leads: { view: 'M', export: false } }, { id: 1 })?.leads).toEqual({ view: 'M', export: 'D' });
  });

  it('ignores garbage stage keys and refuses a page without a user id', () => {
    const r = leadRightsFromPage({ status_rights: { __proto__x: { 1: { view: 'D' } }, 7: { abc: { view: 'D' }, 8: { view: 'Z' } } } }, { id: 1 });
    expect(r?.stageRights).toEqual({ '7:8': {} });
    expect(leadRightsFromPage({}, { name: 'no id' })).toBeNull();
    expect(leadRightsFromPage('rights', { id: 1 })).toBeNull();
  });

  it('reads group codes', () => {
    expect(pageGroupId('group_0')).toBe(0);
    expect(pageGroupId('group_free_users')).toBeNull();
    expect(pageGroupId(undefined)).toBeNull();
  });
});
