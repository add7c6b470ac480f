// Query options for the account's reference data: fetched once per session, never stale.
import { queryOptions } from '@tanstack/react-query';
import type { KommoClient } from '@/lib/api/kommo-client';
import {
  fetchAccount,
  fetchCatalogs,
  fetchCustomFields,
  fetchCustomFieldsFirstPage,
  fetchLossReasons,
  fetchPipelines,
  fetchSources,
  fetchTags,
  fetchUsers,
  fetchUserRights,
} from './reference-fetchers';

const ONCE = { staleTime: Infinity, gcTime: Infinity } as const;

export const referenceQueries = {
  all: ['reference'] as const,
  account: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'account', client.transportKind] as const,
      queryFn: ({ signal }) => fetchAccount(client, signal),
      ...ONCE,
    }),
  pipelines: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'pipelines', client.transportKind] as const,
      queryFn: ({ signal }) => fetchPipelines(client, signal),
      ...ONCE,
    }),
  users: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'users', client.transportKind] as const,
      queryFn: ({ signal }) => fetchUsers(client, signal),
      ...ONCE,
    }),
  /** Page 1 of the custom fields: the table draws with it; `customFields` reuses it, never asks twice. */
  customFieldsFirstPage: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'custom-fields', 'first-page', client.transportKind] as const,
      queryFn: ({ signal }) => fetchCustomFieldsFirstPage(client, signal),
      ...ONCE,
    }),
  customFields: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'custom-fields', client.transportKind] as const,
      queryFn: async ({ signal, client: queryClient }) =>
        fetchCustomFields(client, signal, await queryClient.ensureQueryData(referenceQueries.customFieldsFirstPage(client))),
      ...ONCE,
    }),
  lossReasons: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'loss-reasons', client.transportKind] as const,
      queryFn: ({ signal }) => fetchLossReasons(client, signal),
      ...ONCE,
    }),
  tags: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'tags', client.transportKind] as const,
      queryFn: ({ signal }) => fetchTags(client, signal),
      ...ONCE,
    }),
  catalogs: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'catalogs', client.transportKind] as const,
      queryFn: ({ signal }) => fetchCatalogs(client, signal),
      ...ONCE,
    }),
  /** The signed-in user's lead rights: the Kommo page's when embedded, else the token user's from /users. */
  rights: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'rights', client.transportKind] as const,
      queryFn: async ({ signal, client: queryClient }) => {
        const page = client.pageDirectory?.() ?? null;
        if (page?.rights) return fetchUserRights(client, signal, null, null);
        const [account, users] = await Promise.all([
          queryClient.ensureQueryData(referenceQueries.account(client)),
          queryClient.ensureQueryData(referenceQueries.users(client)),
        ]);
        return fetchUserRights(client, signal, account, users);
      },
      ...ONCE,
    }),
  sources: (client: KommoClient) =>
    queryOptions({
      queryKey: [...referenceQueries.all, 'sources', client.transportKind] as const,
      queryFn: ({ signal }) => fetchSources(client, signal),
      ...ONCE,
    }),
};
