// Query options for what the app's own server says about itself (TkDodo style, like the Kommo
// resources' factories): one request, /app-config.json, for its runtime settings and which upstream
// it proxies to (/healthz stays for container health checks only).
import { queryOptions } from '@tanstack/react-query';
import { loadAppConfig } from './app-config';

export const serverQueries = {
  all: ['server'] as const,
  /** The server's runtime settings (/app-config.json), demo or real included; they do not change while the page lives. */
  appConfig: () =>
    queryOptions({
      queryKey: [...serverQueries.all, 'app-config'] as const,
      queryFn: ({ signal }) => loadAppConfig(signal),
      staleTime: Infinity,
    }),
};
