// Which upstream the server proxies to: the built-in demo account or a real Kommo account, from the
// server's one settings query (/app-config.json).
import { useQuery } from '@tanstack/react-query';
import type { ServerMode } from '@/lib/bridge/app-config';
import { serverQueries } from '@/lib/bridge/server-queries';

export type ServerModeState = { mode: ServerMode | null; isPending: boolean };

const selectMode = (config: { mode: ServerMode | null }) => config.mode;

/** `mode` null: the server did not say (an older server, or /app-config.json failed). */
export function useServerMode(enabled: boolean): ServerModeState {
  const query = useQuery({ ...serverQueries.appConfig(), enabled, select: selectMode });
  return { mode: query.data ?? null, isPending: enabled && query.isPending };
}
