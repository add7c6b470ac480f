// Decided once at start: standalone (proxy transport, token on our server) or embedded in Kommo
// (bridge transport, the signed-in user's own session). Embedded never falls back to the proxy:
// that would show a Kommo user data through the server's token instead of their own rights.
import { loadAppConfig } from './app-config';
import type { ConnectEmbeddedOptions, EmbeddedMode, EmbeddedStartFailure } from './connect-embedded';
import { candidateParentOrigin, isEmbedded, readEmbeddingProbe } from './embedding-probe';

// The embedded cases are declared with the code that produces them (connect-embedded, a chunk).
export type EmbeddedErrorReason = EmbeddedStartFailure;

export type AppMode = { kind: 'standalone' } | EmbeddedMode;

export type ResolveAppModeOptions = ConnectEmbeddedOptions & { fetchFn?: typeof fetch };

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
