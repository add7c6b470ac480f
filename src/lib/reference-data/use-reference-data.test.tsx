// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createFakeTransport, jsonResponse, noContent, problemResponse, type FakeHandler } from '@/lib/api/fake-transport.testing';
import { createKommoClient, type KommoClientOptions } from '@/lib/api/kommo-client';
import { KommoClientProvider } from '@/lib/api/kommo-client-context';
import { fetchReferenceData } from './fetch-reference-data';
import { useReferenceData, type ReferencePart } from './use-reference-data';

const ACCOUNT = { id: 1, name: 'Acme', subdomain: 'acme', currency: 'EUR', current_user_id: 5, datetime_settings: { timezone: 'Europe/Madrid' } };
const PIPELINES = {
  _embedded: {
    pipelines: [
      {
        id: 10,
        name: 'Ventas',
        sort: 1,
        is_main: true,
        _embedded: { statuses: [{ id: 100, name: 'Nuevo', sort: 1, color: '#99ccff', type: 0, pipeline_id: 10 }] },
      },
    ],
  },
};
const API_USERS = { _embedded: { users: [{ id: 5, name: 'Lucía Pérez', rights: { is_active: true } }] } };
const refused = () => problemResponse(403, { title: 'Forbidden', detail: 'Insufficient rights to call this method' });

function setup(answer: FakeHandler, options: KommoClientOptions = {}) {
  const transport = createFakeTransport(answer);
  const client = createKommoClient(transport, { maxRetries: 0, ratePerSecond: 1000, ...options });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <KommoClientProvider client={client}>{children}</KommoClientProvider>
    </QueryClientProvider>
  );
  const hook = <P extends ReferencePart>(parts: readonly P[]) => renderHook(() => useReferenceData(parts), { wrapper });
  return { transport, client, queryClient, hook };
}

describe('useReferenceData', () => {
  it('gives each part asked for once it is in, and asks Kommo once per part for every screen', async () => {
    const { transport, hook } = setup(({ path }) =>
      path === '/api/v4/account' ? jsonResponse(200, ACCOUNT) : path === '/api/v4/leads/pipelines' ? jsonResponse(200, PIPELINES) : noContent,
    );
    const filters = hook(['account', 'pipelines'] as const);
    expect(filters.result.current.pending).toBe(true);
    await waitFor(() => expect(filters.result.current.pending).toBe(false));
    const { data, failed, error } = filters.result.current;
    expect(data.account?.name).toBe('Acme');
    expect(data.pipelines?.[0]?._embedded.statuses.map((s) => s.name)).toEqual(['Nuevo']);
    expect(failed.size).toBe(0);
    expect(error).toBeNull();
    // A second screen asking for the same parts reads the session's cache: no second request.
    const summary = hook(['pipelines', 'account'] as const);
    expect(summary.result.current.data.account?.name).toBe('Acme');
    expect(transport.requests.map((r) => r.path).sort()).toEqual(['/api/v4/account', '/api/v4/leads/pipelines']);
  });

  it('a part that fails is named with its error, the others still arrive, and a retry asks for the failed one only', async () => {
    let pipelinesDown = true;
    const { transport, hook } = setup(({ path }) => {
      if (path === '/api/v4/account') return jsonResponse(200, ACCOUNT);
      if (path === '/api/v4/leads/pipelines') return pipelinesDown ? jsonResponse(500, { title: 'Internal error' }) : jsonResponse(200, PIPELINES);
      return noContent;
    });
    const { result } = hook(['account', 'pipelines'] as const);
    await waitFor(() => expect(result.current.failed.has('pipelines')).toBe(true));
    expect(result.current.failed.has('account')).toBe(false);
    expect(result.current.data.account?.name).toBe('Acme');
    expect(result.current.data.pipelines).toBeUndefined();
    expect(result.current.error).toMatchObject({ kind: expect.any(String) });
    const asked = transport.requests.length;
    pipelinesDown = false;
    result.current.refetch();
    await waitFor(() => expect(result.current.data.pipelines).toHaveLength(1));
    expect(result.current.error).toBeNull();
    expect(transport.requests.slice(asked).map((r) => r.path)).toEqual(['/api/v4/leads/pipelines']);
  });

  it('a manager inside Kommo gets the names from the page: /api/v4/users is never asked, nothing fails', async () => {
    const pageUsers = [
      { id: 5, name: 'Ana', rights: { is_active: true, is_admin: false, group_id: 0 }, _embedded: { groups: [{ id: 0, name: 'Sales' }] } },
    ];
    const manager = { userId: 5, isAdmin: false, groupId: 0, leads: { view: 'M', export: 'D' }, stageRights: {} } as const;
    const { transport, hook } = setup(refused, { pageDirectory: () => ({ users: pageUsers, groups: [{ id: 0, name: 'Sales' }], rights: manager }) });
    const { result } = hook(['users', 'rights'] as const);
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(result.current.data.users?.users.map((u) => u.name)).toEqual(['Ana']);
    expect(result.current.data.rights).toEqual({ rights: manager, limited: true });
    expect(result.current.failed.size).toBe(0);
    expect(transport.requests.map((r) => r.path)).not.toContain('/api/v4/users');
  });

  it('standalone, a users list refused for a missing right (JSON 403) is no failure and no block: the user is limited', async () => {
    const { client, hook } = setup(({ path }) =>
      path === '/api/v4/account' ? jsonResponse(200, ACCOUNT) : path === '/api/v4/users' ? refused() : noContent,
    );
    const { result } = hook(['account', 'users', 'rights'] as const);
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(result.current.failed.size).toBe(0);
    expect(result.current.data.users).toEqual({ users: [], groups: [] });
    expect(result.current.data.rights).toEqual({ rights: null, limited: true });
    expect(client.getState()).toMatchObject({ blocked: false, refused: ['/api/v4/users'] });
  });
});

describe('fetchReferenceData', () => {
  it('outside React reads the same cache entries the hook fills, fetching only what is missing', async () => {
    const { transport, queryClient, client, hook } = setup(({ path }) =>
      path === '/api/v4/account' ? jsonResponse(200, ACCOUNT) : path === '/api/v4/users' ? jsonResponse(200, API_USERS) : noContent,
    );
    const { result } = hook(['account'] as const);
    await waitFor(() => expect(result.current.data.account).toBeDefined());
    const { account, users, tags } = await fetchReferenceData(queryClient, client, ['account', 'users', 'tags'] as const);
    expect(account.name).toBe('Acme');
    expect(users.users.map((u) => u.name)).toEqual(['Lucía Pérez']);
    expect(tags).toEqual([]);
    expect(transport.requests.filter((r) => r.path === '/api/v4/account')).toHaveLength(1);
  });
});
