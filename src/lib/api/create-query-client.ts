// The app's QueryClient. Retries belong to the KommoClient (it knows 429, 403 and Retry-After);
// React Query retrying on top would multiply requests against Kommo's rate limit.
import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        staleTime: 60_000,
      },
      mutations: { retry: false },
    },
  });
}
