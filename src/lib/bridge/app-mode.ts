// Decided once at start: standalone (proxy transport, token on our server) or embedded in Kommo
// (bridge transport, the signed-in user's own session). Embedded never falls back to the proxy:
// that would show a Kommo user data through the server's token instead of their own rights.
import type { Transport } from '../api/transport';
import { loadAppConfig } from './app-config';
import { createBridgeTransport, DEFAULT_BRIDGE_TIMEOUT_MS } from './bridge-transport';
import { candidateParentOrigin, isEmbedded, readEmbeddingProbe } from './embedding-probe';
import { connectToKommo, DEFAULT_HANDSHAKE_TIMEOUT_MS, type KommoSession } from './kommo-handshake';
import { createOriginMatcher } from './parent-origin-allowlist';

export type EmbeddedErrorReason = 'config-unavailable' | 'parent-not-allowed' | 'no-answer';

export type AppMode =
  | { kind: 'standalone' }
  | { kind: 'embedded'; session: KommoSession; transport: Transport; publicUrl: string | null }
  | { kind: 'embedded-error'; reason: EmbeddedErrorReason; parentOrigin: string | null };

export type ResolveAppModeOptions = {
  fetchFn?: typeof fetch;
  handshakeTimeoutMs?: number;
  requestTimeoutMs?: number;
};

export async function resolveAppMode(win: Window = window, options: ResolveAppModeOptions = {}): Promise<AppMode> {
  const probe = readEmbeddingProbe(win);
  if (!isEmbedded(probe)) return { kind: 'standalone' };

  const candidate = candidateParentOrigin(probe);
  let config;
  try {
    config = await loadAppConfig(AbortSignal.timeout(10_000), options.fetchFn);
  } catch {
    return { kind: 'embedded-error', reason: 'config-unavailable', parentOrigin: candidate };
  }
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
