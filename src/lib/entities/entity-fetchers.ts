// Names for the ids a page of leads refers to (contacts, companies, catalog elements), fetched in
// batches of at most 250 ids, the most Kommo accepts in one request.
import type * as z from 'zod/mini';
import { catalogElementsPageSchema, type CatalogElement } from '@/kommo/catalog-schema';
import { companiesPageSchema, contactsPageSchema, type Company, type Contact } from '@/kommo/contact-schema';
import { anySignal } from '@/lib/api/any-signal';
import { fetchAllPages } from '@/lib/api/fetch-all-pages';
import { ApiError, whenRefused } from '@/lib/api/api-error';
import type { KommoClient } from '@/lib/api/kommo-client';
import { encodeQueryParams } from '@/lib/api/query-string';

export const MAX_IDS_PER_REQUEST = 250;

/** Positive integers, deduplicated and sorted: equal id sets give equal requests and query keys. */
export function normaliseIds(ids: readonly number[]): number[] {
  return [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].sort((a, b) => a - b);
}

export function chunkIds(ids: readonly number[], size = MAX_IDS_PER_REQUEST): number[][] {
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return chunks;
}

async function fetchByIds<S extends z.ZodMiniType, T>(
  client: KommoClient,
  path: string,
  schema: S,
  pick: (page: z.output<S>) => T[],
  ids: readonly number[],
  signal: AbortSignal,
): Promise<T[]> {
  const batches = chunkIds(normaliseIds(ids));
  if (batches.length === 0) return [];
  // One failed batch fails the whole set: cancel its siblings instead of letting them finish.
  const controller = new AbortController();
  const linked = anySignal([signal, controller.signal]);
  try {
    const results = await Promise.all(
      batches.map(async (batch) => {
        const query = encodeQueryParams([...batch.map((id) => ['filter[id][]', id] as const), ['limit', MAX_IDS_PER_REQUEST]]);
        const page = await client.get(path, query, schema, linked.signal);
        // 204: none of these ids exist (any more).
        return page === null ? [] : pick(page);
      }),
    );
    return results.flat();
  } catch (error) {
    controller.abort();
    throw error;
  } finally {
    linked.release();
  }
}

export function fetchContactsByIds(client: KommoClient, ids: readonly number[], signal: AbortSignal): Promise<Contact[]> {
  return whenRefused(
    fetchByIds(client, '/api/v4/contacts', contactsPageSchema, (p) => p._embedded.contacts, ids, signal),
    [],
  );
}

export function fetchCompaniesByIds(client: KommoClient, ids: readonly number[], signal: AbortSignal): Promise<Company[]> {
  return whenRefused(
    fetchByIds(client, '/api/v4/companies', companiesPageSchema, (p) => p._embedded.companies, ids, signal),
    [],
  );
}

export function fetchCatalogElementsByIds(
  client: KommoClient,
  catalogId: number,
  ids: readonly number[],
  signal: AbortSignal,
): Promise<CatalogElement[]> {
  if (!Number.isSafeInteger(catalogId) || catalogId <= 0) {
    return Promise.reject(new ApiError({ kind: 'validation', detail: `"${catalogId}" is not a catalog id`, field: 'catalog_id' }));
  }
  return whenRefused(
    fetchByIds(client, `/api/v4/catalogs/${catalogId}/elements`, catalogElementsPageSchema, (p) => p._embedded.elements, ids, signal),
    [],
  );
}

/** A chained list's catalog is small and shared by every lead: its first pages, read once. */
const CATALOG_MAX_PAGES = 8;

export async function fetchCatalogElements(client: KommoClient, catalogId: number, signal: AbortSignal): Promise<CatalogElement[]> {
  if (!Number.isSafeInteger(catalogId) || catalogId <= 0) {
    throw new ApiError({ kind: 'validation', detail: `"${catalogId}" is not a catalog id`, field: 'catalog_id' });
  }
  const pages = await whenRefused(
    fetchAllPages(client, `/api/v4/catalogs/${catalogId}/elements`, [], catalogElementsPageSchema, signal, {
      limit: 250,
      maxPages: CATALOG_MAX_PAGES,
    }),
    [],
  );
  return pages.flatMap((p) => p._embedded.elements);
}
