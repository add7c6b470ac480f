// The header control's view of the page's local copy: the hub's snapshot (owner, engine state, a
// forget that can still be undone) and the user's choices. The copy itself is run by the app's
// provider (src/lib/local-copy/local-copy-provider.tsx), not by this control.
import { useSyncExternalStore } from 'react';
import type { LocalCopyHub, LocalCopySnapshot } from '@/lib/local-copy/local-copy-hub';
import { useLocalCopyHub } from '@/lib/local-copy/local-copy-provider';

export type LocalCopyHandle = { hub: LocalCopyHub; snapshot: LocalCopySnapshot };

export function useLocalCopy(): LocalCopyHandle {
  const hub = useLocalCopyHub();
  const snapshot = useSyncExternalStore(hub.subscribe, hub.getSnapshot, hub.getSnapshot);
  return { hub, snapshot };
}
