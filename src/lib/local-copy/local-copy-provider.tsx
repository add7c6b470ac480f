// Hands the page's local-copy hub to the tree (LocalCopyProvider, at the app's root). The signed-in
// owner's copy is run by LocalCopyOwner (local-copy-owner.tsx), a sidecar chunk of the app shell.
import { createContext, useContext, type ReactNode } from 'react';
import { createLocalCopyHub, type LocalCopyHub } from './local-copy-hub';

// Outside the app (component tests): a hub with no copy turned on, so every list is live.
const LocalCopyContext = createContext<LocalCopyHub>(createLocalCopyHub({ enabledNames: [] }));

export type LocalCopyProviderProps = { hub: LocalCopyHub; children: ReactNode };

export function LocalCopyProvider({ hub, children }: LocalCopyProviderProps) {
  return <LocalCopyContext.Provider value={hub}>{children}</LocalCopyContext.Provider>;
}

export function useLocalCopyHub(): LocalCopyHub {
  return useContext(LocalCopyContext);
}
