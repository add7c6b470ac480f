// The account as the server's own token sees it: its id and subdomain (to check a one-time token's
// account) and its users (who is active, who is an administrator, each user's rights). Read with the
// server's token, shared by every signed-in user of this instance, and refreshed every few minutes,
// so a user deactivated in Kommo loses their session within that time.
import { accountSchema } from '@/kommo/account-schema.ts';
import { usersPageSchema } from '@/kommo/user-schema.ts';

export type DirectoryUser = {
  id: number;
  name: string;
  active: boolean;
  isAdmin: boolean;
  groupId: number | null;
  /** The user's `/users` entry as Kommo sent it, for the rights rule. */
  raw: Record<string, unknown>;
};

export type DirectoryAccount = { id: number; subdomain: string; name: string };

/** GETs an API path with the server's own token and returns the parsed JSON body (null for 204); throws on failure. */
export type ServerGet = (path: string, query: string) => Promise<unknown>;

export type AccountDirectory = {
  account(): Promise<DirectoryAccount>;
  /** The user as of at most `refreshMs` ago; null when the account has no such user. */
  user(id: number): Promise<DirectoryUser | null>;
  users(): Promise<ReadonlyMap<number, DirectoryUser>>;
};

export type AccountDirectoryOptions = {
  get: ServerGet;
  /** How old the users list may get before it is read again (default 2 minutes). */
  refreshMs?: number;
  now?: () => number;
};

export const DIRECTORY_REFRESH_MS = 120_000;
const MAX_USER_PAGES = 40;

export function createAccountDirectory({ get, refreshMs = DIRECTORY_REFRESH_MS, now = Date.now }: AccountDirectoryOptions): AccountDirectory {
  let account: Promise<DirectoryAccount> | null = null;
  let users: { at: number; value: Promise<Map<number, DirectoryUser>> } | null = null;

  const loadUsers = async () => {
    const map = new Map<number, DirectoryUser>();
    for (let page = 1; page <= MAX_USER_PAGES; page++) {
      const body = await get('/api/v4/users', `page=${page}&limit=250&with=group`);
      if (body === null) break;
      const parsed = usersPageSchema.parse(body);
      const raws = (body as { _embedded: { users: unknown[] } })._embedded.users;
      for (const user of parsed._embedded.users) {
        const raw = raws.find((r) => typeof r === 'object' && r !== null && (r as { id?: unknown }).id === user.id) as Record<string, unknown>;
        map.set(user.id, {
          id: user.id,
          name: user.name,
          active: user.rights?.is_active ?? false,
          isAdmin: user.rights?.is_admin === true,
          // Kommo's docs bodies leave rights.group_id null for a user in a group; with=group names it.
          groupId: user.rights?.group_id ?? user._embedded?.groups?.[0]?.id ?? null,
          raw,
        });
      }
      const pageCount = parsed._page_count;
      const hasNext = typeof parsed._links?.next?.href === 'string';
      if (pageCount !== undefined ? page >= pageCount : !hasNext) break;
    }
    return map;
  };

  const currentUsers = () => {
    const at = now();
    if (users === null || at - users.at >= refreshMs) {
      const value = loadUsers();
      const entry = { at, value };
      users = entry;
      // A failed read is not kept: the next request tries again.
      value.catch(() => {
        if (users === entry) users = null;
      });
    }
    return users.value;
  };

  return {
    account() {
      if (account === null) {
        const value = get('/api/v4/account', '').then((body) => {
          const parsed = accountSchema.parse(body);
          return { id: parsed.id, subdomain: parsed.subdomain, name: parsed.name };
        });
        account = value;
        value.catch(() => {
          if (account === value) account = null;
        });
      }
      return account;
    },
    async user(id) {
      return (await currentUsers()).get(id) ?? null;
    },
    users: () => currentUsers(),
  };
}
