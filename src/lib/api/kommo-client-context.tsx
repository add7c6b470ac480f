// Hands the one KommoClient to the tree, and its state (403 block, 429 countdown) to the UI.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { KommoClient, KommoClientState } from './kommo-client';

const KommoClientContext = createContext<KommoClient | null>(null);

export type KommoClientProviderProps = { client: KommoClient; children: ReactNode };

export function KommoClientProvider({ client, children }: KommoClientProviderProps) {
  return <KommoClientContext.Provider value={client}>{children}</KommoClientContext.Provider>;
}

export function useKommoClient(): KommoClient {
  const client = useContext(KommoClientContext);
  if (!client) throw new Error('useKommoClient needs a <KommoClientProvider> above it');
  return client;
}

export function useKommoClientState(): KommoClientState {
  const client = useKommoClient();
  return useSyncExternalStore(client.subscribe, client.getState, client.getState);
}
