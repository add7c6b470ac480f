// The account's reference data (names for ids): fetched once per session, each parsed at the boundary.
// What only improves names later asks the limiter at 'deferred' priority, behind the first rows.
import { accountSchema, type Account, type Group } from '@/kommo/account-schema';
import { catalogsPageSchema, type Catalog } from '@/kommo/catalog-schema';
import { customFieldsPageSchema, type CustomFieldDefinition } from '@/kommo/custom-field-schema';
import { lossReasonsResponseSchema, type LossReason } from '@/kommo/loss-reason-schema';
import { pipelinesResponseSchema, type Pipeline } from '@/kommo/pipeline-schema';
import { sourcesResponseSchema, type Source } from '@/kommo/source-schema';
import { tagsPageSchema, type Tag } from '@/kommo/tag-schema';
import { usersPageSchema, type User } from '@/kommo/user-schema';
import { isLimited, leadRightsFromApiUser, type LeadRights } from '@/kommo/lead-rights';
import { raceAbort } from '@/lib/api/abortable-sleep';
import { ApiError, whenRefused } from '@/lib/api/api-error';
import { fetchAllPages } from '@/lib/api/fetch-all-pages';
import type { KommoClient } from '@/lib/api/kommo-client';
import { encodeQueryParams } from '@/lib/api/query-string';

/** Kommo serves custom fields 50 a page whatever limit is asked. */
const CUSTOM_FIELDS_PAGE_SIZE = 50;
const PAGE_SIZE = 250;
export const SOURCES_PATH = '/api/v4/sources';

const accountsInFlight = new WeakMap<KommoClient, Promise<Account>>();

/**
 * The account, one request at a time per client: the reference data and the fetch layer's rolling
 * date presets both ask for it on the first screen of a link with "this quarter", and two requests
 * would spend two of the first window's six calls. A caller's abort stops only its own wait.
 */
export function fetchAccount(client: KommoClient, signal: AbortSignal): Promise<Account> {
  let shared = accountsInFlight.get(client);
  if (!shared) {
    shared = requestAccount(client, new AbortController().signal).finally(() => accountsInFlight.delete(client));
    accountsInFlight.set(client, shared);
  }
  return raceAbort(shared, signal);
}

async function requestAccount(client: KommoClient, signal: AbortSignal): Promise<Account> {
  // users_groups names every group, 0 (the main group) included: users carry only their own.
  const query = encodeQueryParams([['with', 'datetime_settings,users_groups,is_api_filter_enabled']]);
  const account = await client.get('/api/v4/account', query, accountSchema, signal);
  // Every account has itself: an empty answer is a broken upstream, not "no account".
  if (account === null) throw new ApiError({ kind: 'schema', status: 204, detail: 'the account answered with no content' });
  return account;
}

export async function fetchPipelines(client: KommoClient, signal: AbortSignal): Promise<Pipeline[]> {
  const response = await client.get('/api/v4/leads/pipelines', '', pipelinesResponseSchema, signal);
  return response?._embedded.pipelines ?? [];
}

export type UsersAndGroups = { users: User[]; groups: Group[] };

/**
 * The account's users and their groups. Inside Kommo they come from the page's own constants
 * (`/api/v4/users` is for administrators only), and the API is asked only when the page says its
 * user is an administrator; a refused list (JSON 403) then falls back to the page's people.
 */
export async function fetchUsers(client: KommoClient, signal: AbortSignal): Promise<UsersAndGroups> {
  const page = client.pageDirectory?.() ?? null;
  // A page whose rights could not be read says nothing about admin: ask, and fall back to its people.
  if (page && page.rights !== null && !page.rights.isAdmin) return { users: [...page.users], groups: [...page.groups] };
  const fromPage: UsersAndGroups = { users: [...(page?.users ?? [])], groups: [...(page?.groups ?? [])] };
  return whenRefused(fetchUsersFromApi(client, signal), fromPage);
}

async function fetchUsersFromApi(client: KommoClient, signal: AbortSignal): Promise<UsersAndGroups> {
  const pages = await fetchAllPages(client, '/api/v4/users', [['with', 'group']], usersPageSchema, signal, { limit: PAGE_SIZE });
  const groups = new Map<number, Group>();
  for (const page of pages) {
    for (const group of page._embedded.groups ?? []) groups.set(group.id, group);
    // with=group puts each user's groups under the user (Kommo's docs, users-api).
    for (const user of page._embedded.users) for (const group of user._embedded?.groups ?? []) groups.set(group.id, group);
  }
  return { users: pages.flatMap((p) => p._embedded.users), groups: [...groups.values()] };
}

export type UserRights = {
  rights: LeadRights | null;
  /** The user may not see (or export) every lead: counts and totals say "the leads you can see". */
  limited: boolean;
};

/**
 * The signed-in user's lead rights: inside Kommo the page's own `user_rights`; standalone the token
 * user's `/api/v4/users` entry (by `/account`'s `current_user_id`). When the users list is refused
 * (only administrators may read it) the user is no administrator: limited, letters unknown.
 */
export async function fetchUserRights(
  client: KommoClient,
  signal: AbortSignal,
  account: Account | null,
  users: UsersAndGroups | null,
): Promise<UserRights> {
  if (signal.aborted) throw new ApiError({ kind: 'aborted', detail: 'the request was cancelled' });
  const page = client.pageDirectory?.() ?? null;
  if (page?.rights) return { rights: page.rights, limited: isLimited(page.rights) };
  const me = users?.users.find((u) => u.id === account?.current_user_id);
  const rights = me ? leadRightsFromApiUser(me) : null;
  if (rights) return { rights, limited: isLimited(rights) };
  return { rights: null, limited: client.getState().refused.includes('/api/v4/users') };
}

/** The group of each user (their own `rights.group_id`, else their first `_embedded.groups`), for the G right. */
export function groupOfUsers(users: readonly User[]): (userId: number) => number | null {
  const groups = new Map(users.map((u) => [u.id, u.rights?.group_id ?? u._embedded?.groups?.[0]?.id ?? null]));
  return (userId) => groups.get(userId) ?? null;
}

const CUSTOM_FIELDS_PATH = '/api/v4/leads/custom_fields';

export type CustomFieldsFirstPage = { fields: CustomFieldDefinition[]; hasNext: boolean };

/** The first page alone: enough for the columns shown by default, so the table need not wait for the rest. */
export async function fetchCustomFieldsFirstPage(client: KommoClient, signal: AbortSignal): Promise<CustomFieldsFirstPage> {
  const query = encodeQueryParams([
    ['page', 1],
    ['limit', CUSTOM_FIELDS_PAGE_SIZE],
  ]);
  const page = await client.get(CUSTOM_FIELDS_PATH, query, customFieldsPageSchema, signal);
  return { fields: page?._embedded.custom_fields ?? [], hasNext: Boolean(page?._links.next) };
}

/** Every custom field: the given first page, then the later pages at 'deferred' priority. */
export async function fetchCustomFields(
  client: KommoClient,
  signal: AbortSignal,
  firstPage?: CustomFieldsFirstPage,
): Promise<CustomFieldDefinition[]> {
  const first = firstPage ?? (await fetchCustomFieldsFirstPage(client, signal));
  if (!first.hasNext) return first.fields;
  const pages = await fetchAllPages(client, CUSTOM_FIELDS_PATH, [], customFieldsPageSchema, signal, {
    limit: CUSTOM_FIELDS_PAGE_SIZE,
    firstPage: 2,
    priority: 'deferred',
  });
  return [...first.fields, ...pages.flatMap((p) => p._embedded.custom_fields)];
}

export async function fetchLossReasons(client: KommoClient, signal: AbortSignal): Promise<LossReason[]> {
  // Kommo does not say who may read loss reasons: a refusal shows ids.
  const response = await whenRefused(client.get('/api/v4/leads/loss_reasons', '', lossReasonsResponseSchema, signal, 'deferred'), null);
  return response?._embedded.loss_reasons ?? [];
}

export async function fetchTags(client: KommoClient, signal: AbortSignal): Promise<Tag[]> {
  const pages = await whenRefused(
    fetchAllPages(client, '/api/v4/leads/tags', [], tagsPageSchema, signal, { limit: PAGE_SIZE, priority: 'deferred' }),
    [],
  );
  return pages.flatMap((p) => p._embedded.tags);
}

export async function fetchCatalogs(client: KommoClient, signal: AbortSignal): Promise<Catalog[]> {
  // Lists are for users with access to lists: without it, products and list values show as ids.
  const pages = await whenRefused(
    fetchAllPages(client, '/api/v4/catalogs', [], catalogsPageSchema, signal, { limit: PAGE_SIZE, priority: 'deferred' }),
    [],
  );
  return pages.flatMap((p) => p._embedded.catalogs);
}

/**
 * Kommo lists only the calling integration's own sources (204 when it has none), and refuses the
 * list to sessions that are not an integration's: names are a nicety (leads carry `_embedded.source`
 * with=source), so any failure means "no names", never a broken table.
 */
export async function fetchSources(client: KommoClient, signal: AbortSignal): Promise<Source[]> {
  try {
    const response = await client.get(SOURCES_PATH, '', sourcesResponseSchema, signal, 'deferred');
    return response?._embedded.sources ?? [];
  } catch (error) {
    if (signal.aborted) throw error;
    return [];
  }
}
