// Hands the page's local-copy hub to the tree (LocalCopyProvider, at the app's root), and runs the
// signed-in owner's copy (LocalCopyOwner, a sidecar of the app shell, which asks for the account
// anyway). The engine's code is a chunk imported only once a copy is on.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useKommoClient } from '../api/kommo-client-context';
import { referenceQueries } from '../api/reference-queries';
import { useAppMode } from '../bridge/app-mode-context';
import { localCopyDbName } from './local-copy-database-names';
import { createLocalCopyHub, type LocalCopyHub } from './local-copy-hub';
import { ENABLED_KEY } from './local-copy-settings';

/** How long lists wait for a copy that is on to open before they go live instead. */
export const DECIDE_WITHIN_MS = 4000;

// Outside the app (component tests): a hub with no copy turned on, so every list is live.
const LocalCopyContext = createContext<LocalCopyHub>(createLocalCopyHub({ enabledNames: [] }));

export type LocalCopyProviderProps = { hub: LocalCopyHub; children: ReactNode };

export function LocalCopyProvider({ hub, children }: LocalCopyProviderProps) {
  return <LocalCopyContext.Provider value={hub}>{children}</LocalCopyContext.Provider>;
}

export function useLocalCopyHub(): LocalCopyHub {
  return useContext(LocalCopyContext);
}

const loadRunner = () => import('./local-copy-runner');

/** Whose copy this page may use, and its engine while it is on. Renders nothing. */
export function LocalCopyOwner() {
  const hub = useLocalCopyHub();
  const client = useKommoClient();
  const queryClient = useQueryClient();
  const mode = useAppMode();
  // The origin the copy belongs to: inside Kommo the parent page's, as the handshake verified it
  // (event.origin), never an id the page asserts; standalone the app's own.
  const origin = mode.kind === 'embedded' ? mode.session.parentOrigin : window.location.origin;
  const account = useQuery(referenceQueries.account(client));
  const accountId = account.data?.id;
  const userId = account.data?.current_user_id;
  const owner = accountId !== undefined && userId !== undefined ? localCopyDbName(origin, accountId, userId) : null;
  const settled = account.isError || (account.isSuccess && owner === null);
  useEffect(() => hub.setOwner(owner, settled), [hub, owner, settled]);

  // Another tab turned a copy on or off (Forget, Undo): this one follows.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === ENABLED_KEY) hub.reloadEnabled();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [hub]);

  const routing = useSyncExternalStore(hub.subscribe, hub.getRouting, hub.getRouting);
  const run = routing.enabled ? routing.owner : null;
  useEffect(() => {
    if (run === null) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    loadRunner().then(
      ({ runLocalCopy }) => {
        if (!cancelled) stop = runLocalCopy({ hub, client, queryClient, name: run, origin });
      },
      // The engine's code could not be downloaded: the views go live rather than wait.
      () => hub.stopDeciding(),
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [run, hub, client, queryClient, origin]);

  // Never a blank table: a copy that does not open in time leaves the first view to Kommo.
  useEffect(() => {
    if (!routing.deciding) return;
    const timer = setTimeout(() => hub.stopDeciding(), DECIDE_WITHIN_MS);
    return () => clearTimeout(timer);
  }, [routing.deciding, hub]);
  return null;
}
