// Everything the app needs above its shell: Mantine (light/dark following the system, a manual
// choice kept in localStorage), React Query, the one Kommo client, the language (Kommo's when
// embedded, followed as its context changes; else the stored choice or the browser's), the one
// store of column choices, and the local copy (a source of the leads lists).
import './mantine-styles';
import { createTheme, localStorageColorSchemeManager, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { KommoClient } from '@/lib/api/kommo-client';
import { KommoClientProvider } from '@/lib/api/kommo-client-context';
import { useKommoContext } from '@/lib/bridge/app-mode-context';
import { LanguageProvider } from '@/lib/i18n/language-context';
import { ColumnPreferencesProvider } from '@/lib/leads-list/column-preferences-context';
import type { LocalCopyHub } from '@/lib/local-copy/local-copy-hub';
import { LocalCopyProvider } from '@/lib/local-copy/local-copy-provider';

const storedColorScheme = localStorageColorSchemeManager({ key: 'klb.color-scheme' });
/** False in a frame whose storage the browser blocks (the widget's iframe when third-party storage is off). */
function storageUsable(): boolean {
  try {
    return window.localStorage !== null;
  } catch {
    return false;
  }
}
// Mantine's manager reads window.localStorage on every `storage` event, which throws where storage is
// blocked; "Open in a new tab" (issue 21) writes our origin's storage in the new tab, and Chrome then
// fires that event in the blocked frame too: an uncaught error there. Such a frame does not listen.
const colorSchemeManager = storageUsable() ? storedColorScheme : { ...storedColorScheme, subscribe: () => undefined, unsubscribe: () => undefined };
// Shade 8 keeps white text on filled buttons above 4.5:1 (Mantine's default shade 6 is 3.5:1).
const theme = createTheme({ primaryShade: { light: 8, dark: 8 } });
// Mantine's "dimmed" grey (hints, descriptions, section titles) is 3.3:1 on white and under 4.5:1
// on dark surfaces: one shade darker (lighter in dark) passes axe's contrast rule everywhere. The
// same for the text of "light" red and yellow buttons and alerts (reset, partial-data notices). A hovered
// "light" blue or red button (Load all, Summary, Export, Reset) is one shade paler than Mantine's: its
// darkest text on Mantine's hover shade is 4.01:1 (blue) and 3.76:1 (red).
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-9)',
    '--mantine-color-yellow-light-color': 'var(--mantine-color-gray-9)',
    '--mantine-color-blue-light': 'var(--mantine-color-blue-0)',
    '--mantine-color-blue-light-hover': 'var(--mantine-color-blue-1)',
    '--mantine-color-red-light': 'var(--mantine-color-red-0)',
    '--mantine-color-red-light-hover': 'var(--mantine-color-red-1)',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-red-light-color': 'var(--mantine-color-red-2)',
    '--mantine-color-yellow-light-color': 'var(--mantine-color-yellow-1)',
  },
});

export type AppProvidersProps = {
  client: KommoClient;
  queryClient: QueryClient;
  /** The page's local copy, a source of the leads lists (src/lib/local-copy/local-copy-hub.ts). */
  localCopy: LocalCopyHub;
  children: ReactNode;
};

/** Must sit inside AppModeProvider: reads the live Kommo context (null when standalone). */
function KommoLanguageProvider({ children }: { children: ReactNode }) {
  const context = useKommoContext();
  return <LanguageProvider preferred={context?.lang ?? null}>{children}</LanguageProvider>;
}

export function AppProviders({ client, queryClient, localCopy, children }: AppProvidersProps) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <QueryClientProvider client={queryClient}>
        <KommoClientProvider client={client}>
          <KommoLanguageProvider>
            <ColumnPreferencesProvider>
              <LocalCopyProvider hub={localCopy}>{children}</LocalCopyProvider>
            </ColumnPreferencesProvider>
          </KommoLanguageProvider>
        </KommoClientProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
