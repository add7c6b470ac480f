// Runs the signed-in owner's copy for the page's hub: the engine on its store (IndexedDB behind a
// worker, with the age limit), its list source, the hub's mirror of its state, the periodic refresh
// while the tab is visible, and the lists the copy answers brought up to date when it changes. A
// chunk of its own, imported by LocalCopyProvider only when a copy is on: never part of the first load.
import type { QueryClient } from '@tanstack/react-query';
import type { KommoClient } from '@/lib/api/kommo-client';
import { leadQueries } from '@/lib/leads/lead-queries';
import { createBrowserStore } from './browser-store';
import { MAX_COPY_AGE_MS, withAgeLimit } from './local-copy-age-limit';
import type { LocalCopyHub } from './local-copy-hub';
import { createLocalCopySync, FRESH_FOR_MS } from './local-copy-sync';
import { localLeadsSource } from './local-list-chunk';

export const REFRESH_EVERY_MS = 5 * 60_000;

export type RunLocalCopyOptions = {
  hub: LocalCopyHub;
  client: KommoClient;
  queryClient: QueryClient;
  /** The copy's database: origin, account and user. */
  name: string;
  /** The verified origin (inside Kommo the parent page's, from the handshake's event.origin). */
  origin: string;
};

/** Starts the copy; returns its stop (the engine lets go of its database, which stays). */
export function runLocalCopy({ hub, client, queryClient, name, origin }: RunLocalCopyOptions): () => void {
  const store = withAgeLimit(createBrowserStore(name), MAX_COPY_AGE_MS, Date.now, () => hub.markExpired());
  const engine = createLocalCopySync({ client, store, origin });
  const source = localLeadsSource(client, engine, name);
  // The lists this copy answers: a change of content refetches them where they stand.
  const ownLists = [...leadQueries.lists(), client.transportKind, source.key] as const;
  hub.attach(engine, source);
  void engine.start();

  let version = engine.getState().version;
  let staleTimer: ReturnType<typeof setTimeout> | null = null;
  const follow = () => {
    const fresh = engine.isFresh();
    const { version: nextVersion, syncedAt } = engine.getState();
    hub.update(engine, fresh);
    if (fresh && nextVersion !== version) void queryClient.invalidateQueries({ queryKey: ownLists });
    version = nextVersion;
    // Freshness runs out by the clock, not by an event: look again when it does.
    if (staleTimer !== null) clearTimeout(staleTimer);
    staleTimer = fresh && syncedAt !== null ? setTimeout(follow, Math.max(0, syncedAt + FRESH_FOR_MS - Date.now()) + 50) : null;
  };
  const unsubscribe = engine.subscribe(follow);
  follow();

  const refreshIfVisible = () => {
    if (document.visibilityState !== 'visible') return;
    const { status, syncedAt } = engine.getState();
    if (status === 'ready' && (syncedAt === null || Date.now() - syncedAt >= REFRESH_EVERY_MS - 1000)) void engine.refresh();
  };
  const timer = window.setInterval(refreshIfVisible, REFRESH_EVERY_MS);
  document.addEventListener('visibilitychange', refreshIfVisible);

  return () => {
    unsubscribe();
    if (staleTimer !== null) clearTimeout(staleTimer);
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', refreshIfVisible);
    hub.detach(engine);
    engine.dispose();
  };
}
