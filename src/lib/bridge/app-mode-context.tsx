// Hands the start-time mode to the tree: the badge, "copy link" and anyone needing the Kommo context.
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { AppMode } from './app-mode';
import type { KommoContext } from './bridge-protocol';
import type { KommoSession } from './kommo-handshake';
import { toShareableUrl } from './shareable-url';

const STANDALONE: AppMode = { kind: 'standalone' };
const AppModeContext = createContext<AppMode>(STANDALONE);

export type AppModeProviderProps = { mode: AppMode; children: ReactNode };

export function AppModeProvider({ mode, children }: AppModeProviderProps) {
  return <AppModeContext.Provider value={mode}>{children}</AppModeContext.Provider>;
}

export function useAppMode(): AppMode {
  return useContext(AppModeContext);
}

const noSubscribe = () => () => {};
const noContext = () => null;

/** The latest context Kommo sent (account, user, language); null when standalone. */
export function useKommoContext(): KommoContext | null {
  const mode = useAppMode();
  const session: KommoSession | null = mode.kind === 'embedded' ? mode.session : null;
  return useSyncExternalStore(session?.subscribe ?? noSubscribe, session?.getContext ?? noContext, session?.getContext ?? noContext);
}

/** Builds the link "copy link" should copy for the current view (see shareable-url.ts). */
export function useShareableUrl(): (currentHref?: string) => string {
  const mode = useAppMode();
  return useCallback(
    (currentHref = window.location.href) => toShareableUrl(currentHref, mode.kind === 'embedded', mode.kind === 'embedded' ? mode.publicUrl : null),
    [mode],
  );
}
