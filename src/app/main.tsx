// The browser entry: one Kommo client over the proxy transport, one QueryClient, the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '../lib/api/create-query-client';
import { createKommoClient } from '../lib/api/kommo-client';
import { createProxyTransport } from '../lib/api/proxy-transport';
import { resolveAppMode } from '../lib/bridge/app-mode';
import { AppModeProvider } from '../lib/bridge/app-mode-context';
import { EmbeddedStartError } from '../lib/bridge/embedded-start-error';
import { EscapeClosesWidget } from '../lib/bridge/escape-closes-widget';
import { forgetLocalCopiesOnUnauthorized } from '../lib/local-copy/forget-on-unauthorized';
import { AppProviders } from './app-providers';
import { AppShell } from './app-shell';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Standalone (proxy) or inside Kommo (bridge) is decided once, before the first render.
void resolveAppMode(window).then((mode) => {
  // Any 401 deletes every local copy of this browser profile, the first request's included.
  const transport = forgetLocalCopiesOnUnauthorized(mode.kind === 'embedded' ? mode.transport : createProxyTransport());
  const client =
    mode.kind === 'embedded' ? createKommoClient(transport, { pageDirectory: mode.session.getPageDirectory }) : createKommoClient(transport);
  const queryClient = createQueryClient();

  createRoot(root).render(
    <StrictMode>
      <AppModeProvider mode={mode}>
        <AppProviders client={client} queryClient={queryClient}>
          <EscapeClosesWidget />
          {mode.kind === 'embedded-error' ? <EmbeddedStartError reason={mode.reason} parentOrigin={mode.parentOrigin} /> : <AppShell />}
        </AppProviders>
      </AppModeProvider>
    </StrictMode>,
  );
});
