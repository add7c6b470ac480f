// The demo account's team and X-Context-User-ID: what each persona gets from the endpoints, under
// the same rule the app applies (src/kommo/lead-rights.ts).
import { describe, expect, it } from 'vitest';
import { leadRightsFromApiUser, mayOnLead } from '@/kommo/lead-rights';
import { createDemoAccount } from './demo-account';
import { CONTEXT_USER_HEADER } from './demo-context-user';
import { DEMO_TEAM } from './demo-reference';

const TOKEN = 'demo-rights-token';
const demo = createDemoAccount({ leads: 1500, seed: 1, token: TOKEN, rateLimit: false });
const { data } = demo;
const member = (key: string) => {
  const m = data.team.find((t) => t.key === key);
  if (!m) throw new Error(`no ${key}`);
  return m;
};

async function get(path: string, userId?: number) {
  const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` };
  if (userId !== undefined) headers[CONTEXT_USER_HEADER] = String(userId);
  return demo.app.request(path, { headers });
}

type LeadBody = { id: number; responsible_user_id: number; pipeline_id: number; status_id: number };
async function allLeads(userId?: number): Promise<LeadBody[]> {
  const out: LeadBody[] = [];
  for (let page = 1; ; page++) {
    const res = await get(`/api/v4/leads?limit=250&page=${page}`, userId);
    if (res.status === 204) return out;
    const body = (await res.json()) as { _embedded: { leads: LeadBody[] }; _links: { next?: unknown } };
    out.push(...body._embedded.leads);
    if (!body._links.next) return out;
  }
}

describe('the demo team', () => {
  it('has every persona of DEMO_TEAM played by a distinct active user, deterministically', () => {
    expect(data.team.map((m) => m.key)).toEqual(DEMO_TEAM.map((p) => p.key));
    expect(new Set(data.team.map((m) => m.userId)).size).toBe(DEMO_TEAM.length);
    for (const m of data.team) expect(data.users.find((u) => u.id === m.userId)?.rights?.is_active).toBe(true);
    const again = createDemoAccount({ leads: 10, seed: 1, token: TOKEN });
    expect(again.data.team).toEqual(data.team);
    expect(member('owner').userId).toBe(data.account.current_user_id);
  });

  it('gives the team the rights its roles describe: view A, G and M, one hidden stage, export A, M and D', () => {
    const rightsOf = (key: string) => leadRightsFromApiUser(data.users.find((u) => u.id === member(key).userId));
    expect(rightsOf('owner')?.isAdmin).toBe(true);
    expect(rightsOf('sales-lead')?.leads).toEqual({ view: 'A', export: 'A' });
    expect(Object.values(rightsOf('sales-lead')?.stageRights ?? {})).toEqual([{ view: 'D', export: 'D' }]);
    expect(rightsOf('team-manager')?.leads).toEqual({ view: 'G', export: 'M' });
    expect(rightsOf('manager-own')?.leads).toEqual({ view: 'M', export: 'M' });
    expect(rightsOf('manager-no-export')?.leads).toEqual({ view: 'M', export: 'D' });
  });
});

describe('X-Context-User-ID on the demo account', () => {
  it('leaves out of /leads (and every page of a walk) exactly the leads the user may not view', async () => {
    const everything = await allLeads();
    expect(everything).toHaveLength(1500);
    const groupOf = (id: number) => data.users.find((u) => u.id === id)?.rights?.group_id ?? null;
    for (const key of ['sales-lead', 'team-manager', 'manager-own']) {
      const m = member(key);
      const rights = leadRightsFromApiUser(data.users.find((u) => u.id === m.userId));
      if (!rights) throw new Error('no rights');
      const expected = everything.filter((l) => mayOnLead(rights, 'view', l, groupOf)).map((l) => l.id);
      const seen = (await allLeads(m.userId)).map((l) => l.id);
      expect(seen).toEqual(expected);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.length).toBeLessThan(1500);
    }
    const own = await allLeads(member('manager-no-export').userId);
    expect(own.every((l) => l.responsible_user_id === member('manager-no-export').userId)).toBe(true);
  });

  it('answers 204 (never 403) when none of a filtered page is visible', async () => {
    const other = data.users.find((u) => u.id !== member('manager-own').userId && u.rights?.is_active)!;
    const res = await get(`/api/v4/leads?filter[responsible_user_id][]=${other.id}`, member('manager-own').userId);
    expect(res.status).toBe(204);
  });

  it('refuses /users and /sources to a non-administrator with Kommo’s 403 problem, and /catalogs without access to lists', async () => {
    for (const path of ['/api/v4/users', '/api/v4/sources']) {
      const res = await get(path, member('manager-own').userId);
      expect(res.status).toBe(403);
      expect(res.headers.get('Content-Type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 403, detail: 'Insufficient rights to call this method' });
      expect((await get(path, member('admin').userId)).status).toBe(200);
    }
    expect((await get('/api/v4/catalogs', member('manager-no-export').userId)).status).toBe(403);
    expect((await get(`/api/v4/catalogs/${data.productsCatalogId}/elements`, member('manager-no-export').userId)).status).toBe(403);
    expect((await get('/api/v4/catalogs', member('manager-own').userId)).status).toBe(200);
    for (const path of ['/api/v4/leads/pipelines', '/api/v4/leads/custom_fields', '/api/v4/leads/tags', '/api/v4/leads/loss_reasons']) {
      expect((await get(path, member('manager-no-export').userId)).status).toBe(200);
    }
  });

  it('names the context user as /account’s current_user_id', async () => {
    const res = await get('/api/v4/account', member('team-manager').userId);
    expect(((await res.json()) as { current_user_id: number }).current_user_id).toBe(member('team-manager').userId);
  });

  it('applies the contacts view right by each contact’s responsible user', async () => {
    const m = member('team-manager');
    const ids = Array.from({ length: 40 }, (_, i) => 20_000_001 + i);
    const query = ids.map((id) => `filter[id][]=${id}`).join('&');
    const all = (await (await get(`/api/v4/contacts?${query}&limit=250`)).json()) as { _embedded: { contacts: { responsible_user_id: number }[] } };
    const res = await get(`/api/v4/contacts?${query}&limit=250`, m.userId);
    const mine = res.status === 204 ? [] : ((await res.json()) as { _embedded: { contacts: { responsible_user_id: number }[] } })._embedded.contacts;
    const myGroup = data.users.find((u) => u.id === m.userId)?.rights?.group_id;
    const groupOf = (id: number) => data.users.find((u) => u.id === id)?.rights?.group_id;
    expect(mine).toEqual(all._embedded.contacts.filter((c) => groupOf(c.responsible_user_id) === myGroup));
    expect(mine.length).toBeLessThan(all._embedded.contacts.length);
  });

  it('refuses an unknown, inactive or malformed context user on every endpoint', async () => {
    const inactive = data.users.find((u) => u.rights?.is_active === false)!;
    for (const header of [999, inactive.id]) expect((await get('/api/v4/account', header)).status).toBe(403);
    const res = await demo.app.request('/api/v4/leads', { headers: { Authorization: `Bearer ${TOKEN}`, [CONTEXT_USER_HEADER]: '1 OR 1' } });
    expect(res.status).toBe(403);
  });
});
