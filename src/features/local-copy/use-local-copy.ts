// Runs the local copy of the signed-in account and user: one engine per (account, user), started
// when the user turned it on in this browser, refreshed on open, every few minutes while the tab
// is visible, and on demand. Lists answered from the copy are invalidated whenever it changes.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { isApiError } from '../../lib/api/api-error';
import { useKommoClient } from '../../lib/api/kommo-client-context';
import { leadQueries } from '../../lib/api/lead-queries';
import { referenceQueries } from '../../lib/api/reference-queries';
import { createBrowserStore } from '../../lib/local-copy/browser-store';
import { deleteLocalCopyDatabase, localCopyDbName } from '../../lib/local-copy/local-copy-database-names';
import { createLocalCopySync, type LocalCopyState, type LocalCopySync } from '../../lib/local-copy/local-copy-sync';
import { getActiveLocalCopy, setActiveLocalCopy, subscribeActiveLocalCopy } from '../../lib/local-copy/local-list-chunk';

/** Copies (database names) the user turned on in this browser. */
const ENABLED_KEY = 'klb-local-copy-enabled';
/** The database of the last account and user seen here: another one means "drop that copy". */
const OWNER_KEY = 'klb-local-copy-owner';
export const REFRESH_EVERY_MS = 5 * 60_000;

// Inside Kommo's iframe the browser may refuse storage altogether (third-party context): reading
// throws there, so every access is guarded and the copy then lasts one page view.
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage full or refused: the copy still runs for this page view.
  }
}

function readEnabled(): string[] {
  try {
    const parsed: unknown = JSON.parse(readStorage(ENABLED_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function writeEnabled(names: string[]): void {
  writeStorage(ENABLED_KEY, JSON.stringify(names));
}

const NO_STATE = null;
const noSubscription = () => () => {};

export type LocalCopyHandle = {
  /** Null until the account (and so the owner of the copy) is known. */
  available: boolean;
  enabled: boolean;
  state: LocalCopyState | null;
  sync: LocalCopySync | null;
  enable(): void;
  forget(): Promise<void>;
};

export function useLocalCopy(): LocalCopyHandle {
  const client = useKommoClient();
  const queryClient = useQueryClient();
  const account = useQuery(referenceQueries.account(client));
  // The account's current user (parsed with the account): the token's user standalone, the signed-in user inside Kommo.
  const accountId = account.data?.id;
  const userId = account.data?.current_user_id;
  const owner = accountId !== undefined && userId !== undefined ? localCopyDbName(accountId, userId) : null;
  const [enabledNames, setEnabledNames] = useState(readEnabled);
  const enabled = owner !== null && enabledNames.includes(owner);

  // Another account or user than last time in this browser: its copy must not linger.
  useEffect(() => {
    if (!owner) return;
    const previous = readStorage(OWNER_KEY);
    if (previous && previous !== owner) {
      void deleteLocalCopyDatabase(previous).catch(() => undefined);
      const remaining = readEnabled().filter((n) => n !== previous);
      writeEnabled(remaining);
    }
    writeStorage(OWNER_KEY, owner);
  }, [owner]);

  useEffect(() => {
    if (!owner || !enabled) return;
    const engine = createLocalCopySync({ client, store: createBrowserStore(owner) });
    setActiveLocalCopy(engine);
    void engine.start();
    // Views follow the copy: answered locally once it is fresh, refreshed when it changes, live after it goes.
    let fresh = engine.isFresh();
    let version = engine.getState().version;
    const unsubscribe = engine.subscribe(() => {
      const nextFresh = engine.isFresh();
      const nextVersion = engine.getState().version;
      if (nextFresh !== fresh || (nextFresh && nextVersion !== version)) void queryClient.invalidateQueries({ queryKey: leadQueries.lists() });
      fresh = nextFresh;
      version = nextVersion;
    });
    const refreshIfVisible = () => {
      if (document.visibilityState !== 'visible') return;
      const { status, syncedAt } = engine.getState();
      if (status === 'ready' && (syncedAt === null || Date.now() - syncedAt >= REFRESH_EVERY_MS - 1000)) void engine.refresh();
    };
    const timer = window.setInterval(refreshIfVisible, REFRESH_EVERY_MS);
    document.addEventListener('visibilitychange', refreshIfVisible);
    // A 401 on any request: the session or token is gone, and so is the right to keep its data.
    const unsubscribeCache = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isApiError(event.action.error) && event.action.error.kind === 'unauthorized') {
        void engine.forget();
      }
    });
    return () => {
      unsubscribe();
      unsubscribeCache();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refreshIfVisible);
      if (getActiveLocalCopy() === engine) setActiveLocalCopy(null);
      engine.dispose();
    };
  }, [owner, enabled, client, queryClient]);

  const sync = useSyncExternalStore(subscribeActiveLocalCopy, getActiveLocalCopy, getActiveLocalCopy);
  const state = useSyncExternalStore(
    sync ? sync.subscribe : noSubscription,
    () => (sync ? sync.getState() : NO_STATE),
    () => NO_STATE,
  );

  const enable = useCallback(() => {
    if (!owner) return;
    const next = [...readEnabled().filter((n) => n !== owner), owner];
    writeEnabled(next);
    setEnabledNames(next);
  }, [owner]);

  const forget = useCallback(async () => {
    await getActiveLocalCopy()?.forget();
    if (owner) await deleteLocalCopyDatabase(owner).catch(() => undefined);
    const next = readEnabled().filter((n) => n !== owner);
    writeEnabled(next);
    setEnabledNames(next);
    await queryClient.invalidateQueries({ queryKey: leadQueries.lists() });
  }, [owner, queryClient]);

  return { available: owner !== null, enabled, state, sync, enable, forget };
}
