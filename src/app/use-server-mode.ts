// Which upstream the server proxies to: the built-in demo account or a real Kommo account.
// Asked from the server's /healthz (`{mode: 'demo' | 'real'}`) rather than guessed from the
// account's subdomain, since a real account could be called "demo" too.
import { useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';

const healthSchema = z.looseObject({ mode: z.enum(['demo', 'real']) });
export type ServerMode = z.infer<typeof healthSchema>['mode'];

export type ServerModeState = { mode: ServerMode | null; isPending: boolean };

/** `mode` null: the server did not say (an older server, or /healthz failed). */
export function useServerMode(enabled: boolean): ServerModeState {
  const query = useQuery({
    queryKey: ['server', 'mode'],
    enabled,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const response = await fetch('/healthz', { signal, headers: { accept: 'application/json' } });
      if (!response.ok) return null;
      const parsed = healthSchema.safeParse(await response.json());
      return parsed.success ? parsed.data.mode : null;
    },
  });
  return { mode: query.data ?? null, isPending: enabled && query.isPending };
}
