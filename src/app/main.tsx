// The browser entry: one Kommo client over the proxy transport, one QueryClient, the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '@/lib/api/create-query-client';
import { createKommoClient } from '@/lib/api/kommo-client';
import { createProxyTransport } from '@/lib/api/proxy-transport';
import { resolveAppMode } from '@/lib/bridge/app-mode';
import { AppModeProvider } from '@/lib/bridge/app-mode-context';
import { EmbeddedStartError } from '@/lib/embedded-ui/embedded-start-error';
import { EscapeClosesWidget } from '@/lib/embedded-ui/escape-closes-widget';
import { forgetLocalCopiesOnUnauthorized } from '@/lib/local-copy/forget-on-unauthorized';
import { createLocalCopyHub } from '@/lib/local-copy/local-copy-hub';
import { initialLanguage } from '@/lib/i18n/language-context';
import { loadTranslations } from '@/lib/i18n/lazy-translations';
import { AppProviders } from './app-providers';
import { AppShell } from './app-shell';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';

// Only a team server's page without a session draws it: never part of the first load.
const signInScreen = lazyChunk(() => import('@/features/sign-in/sign-in-screen').then((m) => m.SignInScreen));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Standalone (proxy) or inside Kommo (bridge) is decided once, before the first render; meanwhile
// the reader's language's words arrive (Spanish and Portuguese are chunks), so the first paint is in it.
void Promise.all([resolveAppMode(window), loadTranslations(initialLanguage())]).then(([mode]) => {
  // The local copy: a source the app owns, one per page. Any 401 deletes every copy of this browser
  // profile, the first request's included.
  const localCopy = createLocalCopyHub();
  const transport = forgetLocalCopiesOnUnauthorized(mode.kind === 'embedded' ? mode.transport : createProxyTransport(), localCopy);
  const client =
    mode.kind === 'embedded' ? createKommoClient(transport, { pageDirectory: mode.session.getPageDirectory }) : createKommoClient(transport);
  const queryClient = createQueryClient();

  createRoot(root).render(
    <StrictMode>
      <AppModeProvider mode={mode}>
        <AppProviders client={client} queryClient={queryClient} localCopy={localCopy}>
          <EscapeClosesWidget />
          {mode.kind === 'embedded-error' ? (
            <EmbeddedStartError reason={mode.reason} parentOrigin={mode.parentOrigin} />
          ) : mode.kind === 'standalone' && window.location.pathname === '/sign-in' ? (
            // A team server without a session (issue 21): the server sends page loads here; no API call is made.
            <ChunkBoundary>
              <signInScreen.Component search={window.location.search} />
            </ChunkBoundary>
          ) : (
            <AppShell />
          )}
        </AppProviders>
      </AppModeProvider>
    </StrictMode>,
  );
});
