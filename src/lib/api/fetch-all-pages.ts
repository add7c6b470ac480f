// Walks a paged Kommo collection by `page` until `_links.next` is gone or the server answers 204.
import type * as z from 'zod/mini';
import type { Links } from '@/kommo/schema-primitives';
import type { KommoClient } from './kommo-client';
import type { RequestPriority } from './rate-limiter';
import { encodeQueryParams, type QueryParam } from './query-string';

export type PagedSchema = z.ZodMiniType<{ _links: Links }>;

/** Bounded so a server that always links a next page cannot keep the browser walking forever. */
export const DEFAULT_MAX_PAGES = 200;

export async function fetchAllPages<S extends PagedSchema>(
  client: KommoClient,
  path: string,
  params: readonly QueryParam[],
  schema: S,
  signal: AbortSignal,
  options: { limit: number; maxPages?: number; firstPage?: number; priority?: RequestPriority },
): Promise<Array<z.output<S>>> {
  const pages: Array<z.output<S>> = [];
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  for (let page = options.firstPage ?? 1; page <= maxPages; page++) {
    const query = encodeQueryParams([...params, ['page', page], ['limit', options.limit]]);
    const result = await client.get(path, query, schema, signal, options.priority);
    if (result === null) break;
    pages.push(result);
    if (!result._links.next) break;
  }
  return pages;
}
