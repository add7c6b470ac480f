// A walk requests pages one after another, each only once the previous answer says there is a
// next one, so at Kommo's usual 200-500 ms a page the walk is bound by latency, not by the rate
// limit. This page source reads ahead for one walk: when page p of a stream's view is requested,
// page p+1 of the same view is requested too, and handed over when the stream asks for it. Two
// requests in flight keep the limiter busy; the cost is at most one unused request per stream at
// the end. The stream hands over its typed view, so the next page is built, never re-parsed.
import { encodeLeadsQuery, type LeadsQuery, type LeadsView } from '@/kommo/leads-query';
import { raceAbort } from '@/lib/api/abortable-sleep';
import { leadsPageQuery, type LeadsPageResult } from './leads-fetchers';
import { STREAM_PAGE_SIZE, type LeadsPageSource } from './leads-stream';

export type PrefetchStats = { prefetched: number; used: number };

export type LeadsPagePrefetch = { source: LeadsPageSource; stats(): PrefetchStats };

/** Fetches one page of leads exactly as asked (fetchLeadsPage with its client). */
export type FetchLeadsPage = (query: LeadsQuery, signal: AbortSignal) => Promise<LeadsPageResult>;

/**
 * `walkSignal` ends every prefetch when the walk is cancelled; a page's own signal only ends the
 * wait for it, so an abandoned chunk does not waste a prefetched answer.
 */
export function createLeadsPagePrefetch(fetchPage: FetchLeadsPage, walkSignal: AbortSignal): LeadsPagePrefetch {
  const pending = new Map<string, Promise<LeadsPageResult>>();
  const stats: PrefetchStats = { prefetched: 0, used: 0 };

  const prefetch = (key: string, query: LeadsQuery) => {
    if (pending.has(key) || walkSignal.aborted) return;
    const promise = fetchPage(query, walkSignal);
    // Consumed later, or never (the page after the last): never an unhandled rejection.
    promise.catch(() => undefined);
    pending.set(key, promise);
    stats.prefetched += 1;
  };

  const source: LeadsPageSource = async (view: LeadsView, page: number, signal: AbortSignal) => {
    const query = leadsPageQuery(view, page, STREAM_PAGE_SIZE);
    const nextQuery = leadsPageQuery(view, page + 1, STREAM_PAGE_SIZE);
    // The encoded query names a page exactly (the app's post-filter does not change what Kommo sends).
    const key = encodeLeadsQuery(query);
    const nextKey = encodeLeadsQuery(nextQuery);
    const ahead = pending.get(key);
    pending.delete(key);
    const current = ahead ? (stats.used++, ahead) : fetchPage(query, signal);
    prefetch(nextKey, nextQuery);
    const result = await raceAbort(current, signal);
    // A 204 or an empty page ends the stream: drop what was fetched for beyond it.
    if (result.leads.length === 0 && !result.hasNext) pending.delete(nextKey);
    return result;
  };

  return { source, stats: () => ({ ...stats }) };
}
