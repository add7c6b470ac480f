// The leads list as one lazily paged stream, even when Kommo needs several requests to answer it:
// it filters one (pipeline, stage) pair per request, so several pairs become several sorted
// streams merged on the fly (a k-way merge) in the chosen order. Filters Kommo has not got at all
// ("leads without tasks") are post-filters: every stream still pages Kommo as usual and drops the
// leads the filter rejects before they enter the merge.
import type { LeadsQuery, LeadsView, OrderField, StagePair } from '../../kommo/leads-query';
import { MAX_LIMIT, stagePairKey } from '../../kommo/leads-query';
import type { Lead } from '../../kommo/schemas';
import { anySignal } from './any-signal';
import type { KommoClient } from './kommo-client';
import { fetchLeadsPage, leadsPageQuery, type LeadsPageResult } from './leads-fetchers';

export type LeadsStream = {
  /** The stream's view: the page fetcher adds page and limit. */
  query: LeadsView;
  /** The next page to fetch, or null when the stream has no more pages. */
  nextPage: number | null;
  /** Fetched leads not yet emitted, in the stream's order. */
  buffer: Lead[];
};
export type LeadsCursor = { streams: LeadsStream[] };
export type LeadsOrder = NonNullable<LeadsQuery['order']>;
export type LeadsChunk = { leads: Lead[]; next: LeadsCursor | null };

/** The demo account's order when none is asked; merged streams always send it explicitly. */
export const DEFAULT_LEADS_ORDER: LeadsOrder = { field: 'id', direction: 'asc' };
export const STREAM_PAGE_SIZE = MAX_LIMIT;
export const DEFAULT_CHUNK_SIZE = 250;

/**
 * Upstream pages one chunk may request. A post-filter can reject whole pages, so a chunk keeps
 * paging until it holds rows; once it holds some and has asked `budget` pages it returns them (the
 * table shows progress, the next chunk goes on). `limit` ends a chunk even with no rows: an
 * unfinished, empty chunk, never an unbounded loop.
 */
export type ChunkPageBounds = { budget: number; limit: number };
export const DEFAULT_CHUNK_PAGE_BOUNDS: ChunkPageBounds = { budget: 8, limit: 40 };

const pairKey = (pair: StagePair) => stagePairKey(pair.pipeline_id, pair.status_id);

/**
 * Where a stream gets page `page` of its view: straight from Kommo by default, or through a walk's
 * read-ahead (leads-page-prefetch.ts), which knows the typed view and so the next page's query.
 */
export type LeadsPageSource = (view: LeadsView, page: number, signal: AbortSignal) => Promise<LeadsPageResult>;

/** Every page straight from Kommo, `STREAM_PAGE_SIZE` leads a page. */
export function directPageSource(client: KommoClient): LeadsPageSource {
  return (view, page, signal) => fetchLeadsPage(client, leadsPageQuery(view, page, STREAM_PAGE_SIZE), signal);
}

/** One query per distinct (pipeline, stage) pair when there are several, else the query itself. */
export function splitLeadsQuery(query: LeadsView): LeadsView[] {
  const statuses = query.filter?.statuses;
  if (!statuses || statuses.length <= 1) return [query];
  const pairs = new Map<string, StagePair>();
  for (const pair of statuses) if (!pairs.has(pairKey(pair))) pairs.set(pairKey(pair), pair);
  if (pairs.size === 1) return [{ ...query, filter: { ...query.filter, statuses: [...pairs.values()] } }];
  return [...pairs.values()].map((pair) => ({ ...query, filter: { ...query.filter, statuses: [pair] } }));
}

export function initialLeadsCursor(view: LeadsView): LeadsCursor {
  const queries = splitLeadsQuery(view);
  // The merge relies on every stream being sorted the same way: never leave that to a server default.
  const streams = queries.length > 1 ? queries.map((q) => ({ ...q, order: q.order ?? DEFAULT_LEADS_ORDER })) : queries;
  return { streams: streams.map((q) => ({ query: q, nextPage: 1, buffer: [] })) };
}

function sortValue(lead: Lead, field: OrderField): number {
  // Deleted leads carry null dates: they sort as the smallest value, like SQL's NULLS FIRST in asc.
  const value = field === 'id' ? lead.id : lead[field];
  return value ?? Number.NEGATIVE_INFINITY;
}

/** Compares by the order's field, ties broken by id, both in the order's direction. */
export function compareLeads(order: LeadsOrder): (a: Lead, b: Lead) => number {
  const sign = order.direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const va = sortValue(a, order.field);
    const vb = sortValue(b, order.field);
    if (va !== vb) return va < vb ? -sign : sign;
    return (a.id - b.id) * sign;
  };
}

/** The post-filter of a query (the app's filters Kommo lacks), or null when Kommo's answer is final. */
export function leadsPostFilter(query: LeadsQuery): ((lead: Lead) => boolean) | null {
  if (query.tasks === 'none') return (lead) => lead.closest_task_at === null;
  return null;
}

type WorkingStream = { query: LeadsView; nextPage: number | null; buffer: Lead[]; offset: number };

async function refill(source: LeadsPageSource, stream: WorkingStream, signal: AbortSignal): Promise<void> {
  const page = stream.nextPage;
  if (page === null) return;
  const result = await source(stream.query, page, signal);
  const keep = leadsPostFilter(stream.query);
  stream.buffer = keep ? result.leads.filter(keep) : result.leads;
  stream.offset = 0;
  // An empty page that still links a next one would loop forever: treat it as the end. Counted
  // before the post-filter: a page whose leads were all dropped still leads to the next one.
  stream.nextPage = result.hasNext && result.leads.length > 0 ? page + 1 : null;
}

/**
 * The next `chunkSize` leads of the merged streams, or fewer when the page bounds end the chunk
 * first (then `next` goes on where it stopped). Pure with respect to `cursor`: on failure it
 * rejects with the failing stream's ApiError and the same cursor can be retried as is.
 */
export async function fetchLeadsChunk(
  client: KommoClient,
  cursor: LeadsCursor,
  order: LeadsQuery['order'],
  signal: AbortSignal,
  chunkSize = DEFAULT_CHUNK_SIZE,
  bounds: ChunkPageBounds = DEFAULT_CHUNK_PAGE_BOUNDS,
  source: LeadsPageSource = directPageSource(client),
): Promise<LeadsChunk> {
  const size = Math.max(1, Math.trunc(chunkSize));
  const compare = compareLeads(order ?? DEFAULT_LEADS_ORDER);
  const work: WorkingStream[] = cursor.streams.map((s) => ({ ...s, offset: 0 }));
  const leads: Lead[] = [];
  let pages = 0;

  while (leads.length < size) {
    // Emit only when every stream that may still hold a smaller lead has one in hand.
    const empty = work.filter((s) => s.offset >= s.buffer.length && s.nextPage !== null);
    if (empty.length > 0) {
      if (pages >= bounds.limit || (pages >= bounds.budget && leads.length > 0)) break;
      pages += empty.length;
      const controller = new AbortController();
      const linked = anySignal([signal, controller.signal]);
      try {
        await Promise.all(empty.map((s) => refill(source, s, linked.signal)));
      } catch (error) {
        // A failed stream fails the chunk: stop its siblings' requests too.
        controller.abort();
        throw error;
      } finally {
        linked.release();
      }
      continue;
    }
    let best: WorkingStream | null = null;
    let bestLead: Lead | undefined;
    for (const s of work) {
      const head = s.buffer[s.offset];
      if (head !== undefined && (bestLead === undefined || compare(head, bestLead) < 0)) {
        best = s;
        bestLead = head;
      }
    }
    if (best === null || bestLead === undefined) break;
    leads.push(bestLead);
    best.offset += 1;
  }

  const streams = work.map((s) => ({ query: s.query, nextPage: s.nextPage, buffer: s.buffer.slice(s.offset) }));
  const done = streams.every((s) => s.nextPage === null && s.buffer.length === 0);
  return { leads, next: done ? null : { streams } };
}
