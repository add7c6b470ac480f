// Whose copy this page may use, and its engine while it is on: a sidecar of the app shell (it renders
// nothing), a chunk of its own so the first load carries none of it. The engine's code is a further
// chunk, imported only once a copy is on. Lists that wait for a copy (useViewSource's 'deciding')
// stop waiting after the hub's DECIDE_WITHIN_MS even if this chunk never arrives.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';
import { localCopyDbName } from './local-copy-database-names';
import { tidyLocalCopies } from './local-copy-forget';
import { useLocalCopyHub } from './local-copy-provider';
import { ENABLED_KEY } from './local-copy-settings';

const loadRunner = () => import('./local-copy-runner');
const ACCOUNT = ['account'] as const;

export type LocalCopyOwnerProps = {
  /**
   * The origin the copy belongs to: inside Kommo the parent page's, as the handshake verified it
   * (event.origin), never an id the page asserts; standalone the app's own. The shell reads it from the
   * app's mode (the bridge room sits above this one).
   */
  origin: string;
};

export function LocalCopyOwner({ origin }: LocalCopyOwnerProps) {
  const hub = useLocalCopyHub();
  const client = useKommoClient();
  const queryClient = useQueryClient();
  // Whose copy: the account and the signed-in user, from the same cache entry every screen reads.
  const reference = useReferenceData(ACCOUNT);
  const account = reference.data.account;
  const accountId = account?.id;
  const userId = account?.current_user_id;
  const owner = accountId !== undefined && userId !== undefined ? localCopyDbName(origin, accountId, userId) : null;
  const settled = reference.failed.has('account') || (account !== undefined && owner === null);
  useEffect(() => {
    if (owner !== null) tidyLocalCopies(hub, owner);
    hub.setOwner(owner, settled);
  }, [hub, owner, settled]);

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
  // A copy is on (it may be this user's): the engine's code downloads while the account is asked.
  useEffect(() => {
    if (routing.deciding) loadRunner().catch(() => undefined);
  }, [routing.deciding]);
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
  return null;
}
