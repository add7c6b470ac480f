// The embedded start, once the app knows it is framed and has its config: check the parent against
// the allowlist, say hello to the widget, and open the bridge transport. A chunk of its own: the
// standalone app never runs it; when framed, app-mode starts fetching it together with the config.
import type { AppConfig } from './app-config';
import type { AppMode, ResolveAppModeOptions } from './app-mode';
import { createBridgeTransport, DEFAULT_BRIDGE_TIMEOUT_MS } from './bridge-transport';
import { connectToKommo, DEFAULT_HANDSHAKE_TIMEOUT_MS } from './kommo-handshake';
import { createOriginMatcher } from './parent-origin-allowlist';

export async function connectEmbedded(win: Window, candidate: string | null, config: AppConfig, options: ResolveAppModeOptions): Promise<AppMode> {
  // Checked before anything is sent: even the first hello goes only to an allowlisted origin.
  if (candidate === null || !createOriginMatcher(config.parentOrigins)(candidate)) {
    return { kind: 'embedded-error', reason: 'parent-not-allowed', parentOrigin: candidate };
  }
  try {
    const session = await connectToKommo({
      parentOrigin: candidate,
      parentWindow: win.parent,
      listenOn: win,
      timeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    });
    const transport = createBridgeTransport({
      parentOrigin: candidate,
      targetWindow: win.parent,
      listenOn: win,
      timeoutMs: options.requestTimeoutMs ?? DEFAULT_BRIDGE_TIMEOUT_MS,
    });
    return { kind: 'embedded', session, transport, publicUrl: config.publicUrl };
  } catch {
    return { kind: 'embedded-error', reason: 'no-answer', parentOrigin: candidate };
  }
}
