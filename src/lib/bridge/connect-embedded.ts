// The embedded start, once the app knows it is framed and has its config: check the parent against
// the allowlist, say hello to the widget, and open the bridge transport. A chunk of its own: the
// standalone app never runs it; when framed, app-mode starts fetching it together with the config.
import type { Transport } from '@/lib/api/transport';
import type { AppConfig } from './app-config';
import { createBridgeTransport, DEFAULT_BRIDGE_TIMEOUT_MS } from './bridge-transport';
import { connectToKommo, DEFAULT_HANDSHAKE_TIMEOUT_MS, type KommoSession } from './kommo-handshake';
import { createOriginMatcher } from './parent-origin-allowlist';

export type EmbeddedStartFailure = 'config-unavailable' | 'parent-not-allowed' | 'no-answer';

/** How an embedded start ended (app-mode adds the standalone case). */
export type EmbeddedMode =
  | { kind: 'embedded'; session: KommoSession; transport: Transport; publicUrl: string | null }
  | { kind: 'embedded-error'; reason: EmbeddedStartFailure; parentOrigin: string | null };

export type ConnectEmbeddedOptions = { handshakeTimeoutMs?: number; requestTimeoutMs?: number };

export async function connectEmbedded(
  win: Window,
  candidate: string | null,
  config: AppConfig,
  options: ConnectEmbeddedOptions,
): Promise<EmbeddedMode> {
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
