import { describe, expect, it } from 'vitest';
import { createFakeClock, createFakeTransport, htmlResponse, jsonResponse, noContent, problemResponse } from './fake-transport.testing';
import { fetchCatalogElementsByIds, fetchCompaniesByIds, fetchContactsByIds } from '@/lib/entities/entity-fetchers';
import { createKommoClient } from './kommo-client';
import { fetchLeadsPage } from '@/lib/leads/leads-fetchers';
import {
  fetchAccount,
  fetchCustomFields,
  fetchLossReasons,
  fetchPipelines,
  fetchSources,
  fetchTags,
  fetchUsers,
} from '@/lib/reference-data/reference-fetchers';
import type { FakeHandler } from './fake-transport.testing';

const signal = () => new AbortController().signal;

function setup(handler: FakeHandler) {
  const clock = createFakeClock();
  const transport = createFakeTransport(handler);
  const client = createKommoClient(transport, { random: () => 0, sleep: clock.sleep, now: clock.now });
  return { transport, client };
}

const params = (query: string) => new URLSearchParams(query);
const next = { next: { href: 'http://x/next' } };

describe('fetchLeadsPage', () => {
  it('clamps limit to 1..250 and page to at least 1', async () => {
    const { client, transport } = setup(() => jsonResponse(200, { _embedded: { leads: [] } }));
    await fetchLeadsPage(client, { limit: 1000 }, signal());
    await fetchLeadsPage(client, { limit: 0, page: -3 }, signal());
    await fetchLeadsPage(client, {}, signal());
    expect(transport.requests.map((r) => params(r.query).get('limit'))).toEqual(['250', '1', '50']);
    expect(transport.requests.map((r) => params(r.query).get('page'))).toEqual(['1', '1', '1']);
    expect(transport.requests[0]?.path).toBe('/api/v4/leads');
  });

  it('reads hasNext from _links.next and treats 204 as an empty last page', async () => {
    const leads = [{ id: 1, updated_at: 1 }];
    const { client } = setup((req) => {
      const page = params(req.query).get('page');
      if (page === '1') return jsonResponse(200, { _links: next, _embedded: { leads } });
      if (page === '2') return jsonResponse(200, { _links: {}, _embedded: { leads } });
      return noContent;
    });
    expect((await fetchLeadsPage(client, { page: 1 }, signal())).hasNext).toBe(true);
    expect((await fetchLeadsPage(client, { page: 2 }, signal())).hasNext).toBe(false);
    expect(await fetchLeadsPage(client, { page: 3 }, signal())).toEqual({ leads: [], hasNext: false });
  });

  it('sends the encoded filters', async () => {
    const { client, transport } = setup(() => noContent);
    await fetchLeadsPage(client, { filter: { statuses: [{ pipeline_id: 3, status_id: 142 }] }, order: { field: 'id', direction: 'desc' } }, signal());
    const q = params(transport.requests[0]!.query);
    expect(q.get('filter[statuses][0][pipeline_id]')).toBe('3');
    expect(q.get('filter[statuses][0][status_id]')).toBe('142');
    expect(q.get('order[id]')).toBe('desc');
  });
});

describe('entity fetchers', () => {
  const contactsHandler: FakeHandler = (req) => {
    const ids = params(req.query).getAll('filter[id][]').map(Number);
    const found = ids.filter((id) => id % 10 !== 0);
    if (found.length === 0) return noContent;
    return jsonResponse(200, { _embedded: { contacts: found.map((id) => ({ id, name: `C${id}` })) } });
  };

  it('batches 600 ids (with duplicates) into 3 requests of at most 250', async () => {
    const { client, transport } = setup(contactsHandler);
    const ids = Array.from({ length: 600 }, (_, i) => i + 1);
    const contacts = await fetchContactsByIds(client, [...ids, ...ids.slice(0, 50)], signal());
    expect(transport.requests).toHaveLength(3);
    const sent = transport.requests.map((r) => params(r.query).getAll('filter[id][]').map(Number));
    expect(sent.map((s) => s.length)).toEqual([250, 250, 100]);
    expect(new Set(sent.flat()).size).toBe(600);
    expect(contacts).toHaveLength(540);
    expect(transport.requests[0]?.query).toContain('filter[id][]=1&');
  });

  it('sends nothing for no ids, and 204 means none found', async () => {
    const { client, transport } = setup(contactsHandler);
    expect(await fetchContactsByIds(client, [], signal())).toEqual([]);
    expect(transport.requests).toHaveLength(0);
    expect(await fetchContactsByIds(client, [10, 20], signal())).toEqual([]);
  });

  it('fetches companies and catalog elements by id', async () => {
    const { client, transport } = setup((req) => {
      if (req.path === '/api/v4/companies') return jsonResponse(200, { _embedded: { companies: [{ id: 7, name: 'Acme' }] } });
      return jsonResponse(200, { _embedded: { elements: [{ id: 9, name: 'Widget', catalog_id: 4 }] } });
    });
    expect((await fetchCompaniesByIds(client, [7], signal()))[0]?.name).toBe('Acme');
    expect((await fetchCatalogElementsByIds(client, 4, [9], signal()))[0]?.name).toBe('Widget');
    expect(transport.requests[1]?.path).toBe('/api/v4/catalogs/4/elements');
    await expect(fetchCatalogElementsByIds(client, Number.NaN, [9], signal())).rejects.toMatchObject({ kind: 'validation' });
  });

  it('fails the whole set when one batch fails, and cancels the others', async () => {
    const { client, transport } = setup((req, i) => (i === 0 ? htmlResponse(404) : contactsHandler(req, i)));
    const ids = Array.from({ length: 600 }, (_, i) => i + 1);
    await expect(fetchContactsByIds(client, ids, signal())).rejects.toMatchObject({ kind: 'not-found' });
    expect(transport.requests.every((r) => r.signal.aborted)).toBe(true);
  });
});

describe('reference fetchers', () => {
  it('fetches the account with datetime settings, user groups and the API filter flag, read from _embedded', async () => {
    const { client, transport } = setup(() =>
      jsonResponse(200, {
        id: 1,
        name: 'Demo',
        subdomain: 'demo',
        currency: 'USD',
        _embedded: { datetime_settings: { timezone: 'Europe/Moscow' }, users_groups: [{ id: 0, name: 'Sales', uuid: null }] },
      }),
    );
    const account = await fetchAccount(client, signal());
    expect(account).toMatchObject({ currency: 'USD', datetime_settings: { timezone: 'Europe/Moscow' }, users_groups: [{ id: 0, name: 'Sales' }] });
    expect(params(transport.requests[0]!.query).get('with')).toBe('datetime_settings,users_groups,is_api_filter_enabled');
  });

  it('reads an account without currency, and /sources failing as "no sources"', async () => {
    const { client } = setup((req) =>
      req.path === '/api/v4/sources' ? problemResponse(403, { title: 'Forbidden' }) : jsonResponse(200, { id: 1, name: 'Demo', subdomain: 'demo' }),
    );
    expect((await fetchAccount(client, signal())).currency).toBeNull();
    await expect(fetchSources(client, signal())).resolves.toEqual([]);
    // A 403 on /sources is "not for this session", not Kommo's IP block: the next call still goes out.
    expect(client.getState().blocked).toBe(false);
    expect((await fetchAccount(client, signal())).id).toBe(1);
  });

  it('asks for the account once when the reference data and the rolling dates ask at the same time', async () => {
    const { client, transport } = setup(() => jsonResponse(200, { id: 7, name: 'Demo', subdomain: 'demo' }));
    const leaving = new AbortController();
    const [first, second, third] = [fetchAccount(client, signal()), fetchAccount(client, leaving.signal), fetchAccount(client, signal())];
    // One caller leaving (a query cancelled on unmount) stops only its own wait.
    leaving.abort(new DOMException('gone', 'AbortError'));
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect((await first).id).toBe(7);
    expect((await third).id).toBe(7);
    expect(transport.requests.filter((r) => r.path === '/api/v4/account')).toHaveLength(1);
    // Once answered, a later call asks again: only requests in flight are shared, never a stale account.
    await fetchAccount(client, signal());
    expect(transport.requests.filter((r) => r.path === '/api/v4/account')).toHaveLength(2);
  });

  it('refuses an account answered with 204', async () => {
    const { client } = setup(() => noContent);
    await expect(fetchAccount(client, signal())).rejects.toMatchObject({ kind: 'schema' });
  });

  it('walks every users page with groups, deduplicating groups', async () => {
    const { client, transport } = setup((req) => {
      const page = Number(params(req.query).get('page'));
      const users = [{ id: page * 10, name: `U${page}`, rights: { is_active: page !== 2 } }];
      const groups = [
        { id: 1, name: 'Sales' },
        { id: page + 1, name: `G${page}` },
      ];
      return jsonResponse(200, { _page: page, _links: page < 3 ? next : {}, _embedded: { users, groups } });
    });
    const { users, groups } = await fetchUsers(client, signal());
    expect(users.map((u) => u.id)).toEqual([10, 20, 30]);
    expect(groups.map((g) => g.id).sort()).toEqual([1, 2, 3, 4]);
    expect(transport.requests.map((r) => params(r.query).get('with'))).toEqual(['group', 'group', 'group']);
  });

  it('walks custom fields 50 a page', async () => {
    const { client, transport } = setup((req) => {
      const page = Number(params(req.query).get('page'));
      const fields = Array.from({ length: page < 2 ? 50 : 7 }, (_, i) => ({ id: page * 100 + i, name: `F${i}`, type: 'text' }));
      return jsonResponse(200, { _links: page < 2 ? next : {}, _embedded: { custom_fields: fields } });
    });
    expect(await fetchCustomFields(client, signal())).toHaveLength(57);
    expect(transport.requests.map((r) => params(r.query).get('limit'))).toEqual(['50', '50']);
  });

  it('walks tags until 204, and 204 alone means no tags', async () => {
    const paged = setup((req) =>
      params(req.query).get('page') === '1'
        ? jsonResponse(200, { _links: next, _embedded: { tags: [{ id: 1, name: 'vip', color: null }] } })
        : noContent,
    );
    expect(await fetchTags(paged.client, signal())).toEqual([{ id: 1, name: 'vip', color: null }]);
    const none = setup(() => noContent);
    expect(await fetchTags(none.client, signal())).toEqual([]);
  });

  it('reads pipelines, loss reasons and sources (204 => [])', async () => {
    const { client } = setup((req) => {
      if (req.path === '/api/v4/leads/pipelines') {
        const statuses = [{ id: 142, name: 'Won', sort: 10000, color: '#CCFF66', type: 0, pipeline_id: 5 }];
        return jsonResponse(200, { _embedded: { pipelines: [{ id: 5, name: 'Sales', sort: 1, is_main: true, _embedded: { statuses } }] } });
      }
      if (req.path === '/api/v4/leads/loss_reasons') return jsonResponse(200, { _embedded: { loss_reasons: [{ id: 1, name: 'Price' }] } });
      return noContent;
    });
    expect((await fetchPipelines(client, signal()))[0]?._embedded.statuses[0]?.id).toBe(142);
    expect((await fetchLossReasons(client, signal()))[0]?.name).toBe('Price');
    expect(await fetchSources(client, signal())).toEqual([]);
  });
});

describe('a manager’s reference data: page directory and missing rights', () => {
  const refused = () => problemResponse(403, { title: 'Forbidden', detail: 'Insufficient rights to call this method' });
  const pageUsers = [
    { id: 5, name: 'Ana', rights: { is_active: true, is_admin: false, group_id: 0 }, _embedded: { groups: [{ id: 0, name: 'Sales' }] } },
  ];
  const manager = { userId: 5, isAdmin: false, groupId: 0, leads: { view: 'M', export: 'D' }, stageRights: {} } as const;

  it('inside Kommo a non-administrator’s names come from the page: /api/v4/users is never asked', async () => {
    const transport = createFakeTransport(refused);
    const client = createKommoClient(transport, { pageDirectory: () => ({ users: pageUsers, groups: [{ id: 0, name: 'Sales' }], rights: manager }) });
    expect(await fetchUsers(client, signal())).toEqual({ users: pageUsers, groups: [{ id: 0, name: 'Sales' }] });
    expect(transport.requests).toHaveLength(0);
  });

  it('an administrator’s page asks /api/v4/users, and a refusal there falls back to the page’s people', async () => {
    const transport = createFakeTransport(refused);
    const client = createKommoClient(transport, {
      pageDirectory: () => ({ users: pageUsers, groups: [], rights: { ...manager, isAdmin: true } }),
    });
    expect((await fetchUsers(client, signal())).users).toEqual(pageUsers);
    expect(transport.requests.map((r) => r.path)).toEqual(['/api/v4/users']);
    expect(client.getState()).toMatchObject({ blocked: false, refused: ['/api/v4/users'] });
  });

  it('catalogs, loss reasons, tags, contacts and companies refused for a missing right read as empty; a block still throws', async () => {
    const { client } = setup(refused);
    expect(await fetchLossReasons(client, signal())).toEqual([]);
    expect(await fetchTags(client, signal())).toEqual([]);
    expect(await fetchContactsByIds(client, [1, 2], signal())).toEqual([]);
    expect(await fetchCompaniesByIds(client, [1], signal())).toEqual([]);
    expect(await fetchCatalogElementsByIds(client, 3, [1], signal())).toEqual([]);
    expect(client.getState().blocked).toBe(false);
    const blocked = setup(() => htmlResponse(403));
    await expect(fetchLossReasons(blocked.client, signal())).rejects.toMatchObject({ kind: 'forbidden', refusal: 'block' });
    expect(blocked.client.getState().blocked).toBe(true);
  });
});
