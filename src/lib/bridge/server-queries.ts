// Query options for what the app's own server says about itself (TkDodo style, like the Kommo
// resources' factories in src/lib/api): its runtime settings and which upstream it proxies to.
import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { loadAppConfig } from './app-config';

const healthSchema = z.looseObject({ mode: z.enum(['demo', 'real']) });
export type ServerMode = z.infer<typeof healthSchema>['mode'];

/**
 * Which upstream the server proxies to, from its /healthz (`{mode: 'demo' | 'real'}`) rather than
 * guessed from the account's subdomain, since a real account could be called "demo" too. Null: the
 * server did not say (an older server, or /healthz failed).
 */
export async function fetchServerMode(signal: AbortSignal): Promise<ServerMode | null> {
  const response = await fetch('/healthz', { signal, headers: { accept: 'application/json' } });
  if (!response.ok) return null;
  const parsed = healthSchema.safeParse(await response.json());
  return parsed.success ? parsed.data.mode : null;
}

export const serverQueries = {
  all: ['server'] as const,
  /** The server's runtime settings (/app-config.json); they do not change while the page lives. */
  appConfig: () =>
    queryOptions({
      queryKey: [...serverQueries.all, 'app-config'] as const,
      queryFn: ({ signal }) => loadAppConfig(signal),
      staleTime: Infinity,
    }),
  /** Demo or real account; it does not change while the page lives. */
  mode: () =>
    queryOptions({
      queryKey: [...serverQueries.all, 'mode'] as const,
      queryFn: ({ signal }) => fetchServerMode(signal),
      staleTime: Infinity,
    }),
};
