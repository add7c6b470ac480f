// Which upstream the server proxies to: the built-in demo account or a real Kommo account.
import { useQuery } from '@tanstack/react-query';
import { serverQueries, type ServerMode } from '@/lib/bridge/server-queries';

export type ServerModeState = { mode: ServerMode | null; isPending: boolean };

/** `mode` null: the server did not say (an older server, or /healthz failed). */
export function useServerMode(enabled: boolean): ServerModeState {
  const query = useQuery({ ...serverQueries.mode(), enabled });
  return { mode: query.data ?? null, isPending: enabled && query.isPending };
}
