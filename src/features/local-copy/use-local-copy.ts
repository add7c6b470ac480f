// Runs the local copy of the signed-in account and user: one engine per (account, user), started
// when the user turned it on in this browser, refreshed on open, every few minutes while the tab
// is visible, and on demand. Lists answered from the copy are invalidated whenever it changes.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { isApiError } from '../../lib/api/api-error';
import { useKommoClient } from '../../lib/api/kommo-client-context';
import { leadQueries } from '../../lib/api/lead-queries';
import { referenceQueries } from '../../lib/api/reference-queries';
import { useAppMode } from '../../lib/bridge/app-mode-context';
import { createBrowserStore } from '../../lib/local-copy/browser-store';
import { forgetEveryLocalCopy, onEveryLocalCopyForgotten } from '../../lib/local-copy/forget-on-unauthorized';
import { deleteLocalCopyDatabase, localCopyDbName } from '../../lib/local-copy/local-copy-database-names';
import { OWNER_KEY, readEnabled, readStorage, writeEnabled, writeStorage } from '../../lib/local-copy/local-copy-settings';
import { createLocalCopySync, type LocalCopyState, type LocalCopySync } from '../../lib/local-copy/local-copy-sync';
import { getActiveLocalCopy, setActiveLocalCopy, subscribeActiveLocalCopy } from '../../lib/local-copy/local-list-chunk';

export const REFRESH_EVERY_MS = 5 * 60_000;

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
  const mode = useAppMode();
  // The origin the copy belongs to: inside Kommo the parent page's, as the handshake verified it
  // (event.origin), never an id the page asserts; standalone the app's own.
  const origin = mode.kind === 'embedded' ? mode.session.parentOrigin : window.location.origin;
  const account = useQuery(referenceQueries.account(client));
  // The account's current user (parsed with the account): the token's user standalone, the signed-in user inside Kommo.
  const accountId = account.data?.id;
  const userId = account.data?.current_user_id;
  const owner = accountId !== undefined && userId !== undefined ? localCopyDbName(origin, accountId, userId) : null;
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
    const engine = createLocalCopySync({ client, store: createBrowserStore(owner), origin });
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
        void forgetEveryLocalCopy();
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
  }, [owner, enabled, client, queryClient, origin]);

  // A 401 anywhere deleted every copy of this browser: this one is off until the user turns it on again.
  useEffect(
    () =>
      onEveryLocalCopyForgotten(() => {
        setEnabledNames([]);
        void queryClient.invalidateQueries({ queryKey: leadQueries.lists() });
      }),
    [queryClient],
  );

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
