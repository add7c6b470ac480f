// Decided once at start: standalone (proxy transport, token on our server) or embedded in Kommo
// (bridge transport, the signed-in user's own session). Embedded never falls back to the proxy:
// that would show a Kommo user data through the server's token instead of their own rights.
import type { Transport } from '../api/transport';
import { loadAppConfig } from './app-config';
import { candidateParentOrigin, isEmbedded, readEmbeddingProbe } from './embedding-probe';
import type { KommoSession } from './kommo-handshake';

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

  // The bridge (handshake, transport, allowlist) is a chunk the standalone app never fetches; framed,
  // it downloads while the config loads, so the embedded start waits no longer than before.
  const bridge = import('./connect-embedded');
  bridge.catch(() => undefined);
  const candidate = candidateParentOrigin(probe);
  let config;
  let connectEmbedded;
  try {
    config = await loadAppConfig(AbortSignal.timeout(10_000), options.fetchFn);
    ({ connectEmbedded } = await bridge);
  } catch {
    // The settings or the bridge's code did not arrive from the dashboard server: the same advice holds.
    return { kind: 'embedded-error', reason: 'config-unavailable', parentOrigin: candidate };
  }
  return connectEmbedded(win, candidate, config, options);
}
