// A walk requests pages one after another, each only once the previous answer says there is a
// next one, so at Kommo's usual 200-500 ms a page the walk is bound by latency, not by the rate
// limit. This wraps the client for one walk: when page p of a leads query is requested, page p+1
// of the same query is requested too, and handed over when the stream asks for it. Two requests
// in flight keep the limiter busy; the cost is at most one unused request per stream at the end.
import type { z } from 'zod';
import { encodeLeadsQuery, parseLeadsQuery } from '../../kommo/leads-query';
import { raceAbort } from '../../lib/api/abortable-sleep';
import type { KommoClient } from '../../lib/api/kommo-client';
import { LEADS_PATH } from '../../lib/api/leads-fetchers';

export type PrefetchStats = { prefetched: number; used: number };

export type LeadsPrefetchClient = KommoClient & { stats(): PrefetchStats };

/** The same query string with the next page, or null when it has no page to follow. */
export function nextPageQuery(query: string): string | null {
  const { query: parsed, issues } = parseLeadsQuery(query);
  if (issues.length > 0 || parsed.page === undefined) return null;
  return encodeLeadsQuery({ ...parsed, page: parsed.page + 1 });
}

/**
 * `walkSignal` ends every prefetch when the walk is cancelled; a page's own signal only ends the
 * wait for it, so an abandoned chunk does not waste a prefetched answer.
 */
export function withLeadsPrefetch(client: KommoClient, walkSignal: AbortSignal): LeadsPrefetchClient {
  const pending = new Map<string, Promise<unknown>>();
  const stats: PrefetchStats = { prefetched: 0, used: 0 };

  const prefetch = <S extends z.ZodType>(query: string, schema: S) => {
    if (pending.has(query) || walkSignal.aborted) return;
    const promise = client.get(LEADS_PATH, query, schema, walkSignal);
    // Consumed later, or never (the page after the last): never an unhandled rejection.
    promise.catch(() => undefined);
    pending.set(query, promise);
    stats.prefetched += 1;
  };

  return {
    ...client,
    transportKind: client.transportKind,
    async get<S extends z.ZodType>(path: string, query: string, schema: S, signal: AbortSignal): Promise<z.output<S> | null> {
      if (path !== LEADS_PATH) return client.get(path, query, schema, signal);
      const next = nextPageQuery(query);
      const ahead = pending.get(query);
      pending.delete(query);
      const current = ahead ? (stats.used++, ahead as Promise<z.output<S> | null>) : client.get(path, query, schema, signal);
      if (next !== null) prefetch(next, schema);
      const page = await raceAbort(current, signal);
      // A 204 or an empty page ends the stream: drop what was fetched for beyond it.
      if (page === null && next !== null) pending.delete(next);
      return page;
    },
    stats: () => ({ ...stats }),
  };
}
