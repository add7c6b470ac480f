// The leads list as one lazily paged stream, even when Kommo needs several requests to answer it:
// it filters one (pipeline, stage) pair per request, so several pairs become several sorted
// streams merged on the fly (a k-way merge) in the chosen order. Pipelines whose every stage is
// selected go in one stream as `filter[pipeline_id][]` (Kommo's own filter, several ids in one
// request), so a view of whole pipelines is one stream; only partial pipelines need a stream a stage. Filters Kommo has not got at all
// ("leads without tasks") are post-filters: every stream still pages Kommo as usual and drops the
// leads the filter rejects before they enter the merge.
import { effectiveOrder, type LeadsOrder } from './leads-order';
import type { LeadsQuery, LeadsView, OrderField, StagePair } from '@/kommo/leads-query';
import { MAX_LIMIT, stagePairKey } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { anySignal } from '@/lib/api/any-signal';
import type { KommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage, leadsPageQuery, type LeadsPageResult } from './leads-fetchers';
import { resolveRollingDates } from './resolve-rolling-dates';

export type LeadsStream = {
  /** The stream's view: the page fetcher adds page and limit. */
  query: LeadsView;
  /** The next page to fetch, or null when the stream has no more pages. */
  nextPage: number | null;
  /** Fetched leads not yet emitted, in the stream's order. */
  buffer: Lead[];
  /**
   * Ids of the stream's last page. Offset paging drifts when leads are added or moved while it walks:
   * the tail of one page comes again at the head of the next. Those repeats are dropped.
   */
  recentIds?: readonly number[];
};
/**
 * `asOf` (Unix seconds) is "now" for the view's rolling date presets: stamped by the first chunk and
 * kept by the next ones, so one list never pages with two different "nows".
 */
export type LeadsCursor = {
  streams: LeadsStream[];
  asOf?: number;
  /** A list the local copy answers pages by its offset in the copy's answer (no streams then). */
  localOffset?: number;
};
/** The whole view's count and price sum, as the local copy answered it, and when the copy was last in step (ms). */
export type LocalChunkInfo = { count: number; priceSum: number; asOf: number };
/** Leads paged from Kommo: no total (Kommo gives none). */
export type LiveLeadsChunk = { source: 'live'; leads: Lead[]; next: LeadsCursor | null };
/** Leads from the local copy, with the whole view's totals. */
export type LocalLeadsChunk = { source: 'local'; leads: Lead[]; next: LeadsCursor | null; local: LocalChunkInfo };
/** A chunk says where it came from. */
export type LeadsChunk = LiveLeadsChunk | LocalLeadsChunk;

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

/** Whether a stage selection names several distinct stages, i.e. Kommo cannot answer it in one stage filter. */
export function hasSeveralStages(query: LeadsView): boolean {
  const statuses = query.filter?.statuses ?? [];
  return new Set(statuses.map(pairKey)).size > 1;
}

/**
 * The pipelines whose every stage is among `pairs`, in the order of their first selected stage.
 * Only without a pipeline filter of the query's own: `filter[pipeline_id]` would replace it, not
 * narrow it (Kommo combines filters with AND), so such a query keeps its per-stage streams.
 */
function wholePipelines(query: LeadsView, pairs: readonly StagePair[], pipelines: readonly Pipeline[] | undefined): Set<number> {
  const whole = new Set<number>();
  if (!pipelines || (query.filter?.pipeline_id?.length ?? 0) > 0) return whole;
  const selected = new Set(pairs.map(pairKey));
  for (const pair of pairs) {
    if (whole.has(pair.pipeline_id)) continue;
    const pipeline = pipelines.find((p) => p.id === pair.pipeline_id);
    const statuses = pipeline?._embedded.statuses ?? [];
    if (statuses.length > 0 && statuses.every((s) => selected.has(stagePairKey(pair.pipeline_id, s.id)))) whole.add(pair.pipeline_id);
  }
  return whole;
}

/**
 * The queries that together answer `query`: the query itself when it has at most one stage; else
 * one query for all the whole pipelines (`filter[pipeline_id][]`, when `pipelines` says which are
 * whole) and one per remaining (pipeline, stage) pair.
 */
export function splitLeadsQuery(query: LeadsView, pipelines?: readonly Pipeline[]): LeadsView[] {
  const statuses = query.filter?.statuses;
  if (!statuses || statuses.length <= 1) return [query];
  const pairs = new Map<string, StagePair>();
  for (const pair of statuses) if (!pairs.has(pairKey(pair))) pairs.set(pairKey(pair), pair);
  if (pairs.size === 1) return [{ ...query, filter: { ...query.filter, statuses: [...pairs.values()] } }];
  const whole = wholePipelines(query, [...pairs.values()], pipelines);
  const { statuses: _statuses, ...otherFilters } = query.filter ?? {};
  const grouped: LeadsView[] = whole.size > 0 ? [{ ...query, filter: { ...otherFilters, pipeline_id: [...whole] } }] : [];
  const partial = [...pairs.values()].filter((pair) => !whole.has(pair.pipeline_id));
  return [...grouped, ...partial.map((pair) => ({ ...query, filter: { ...query.filter, statuses: [pair] } }))];
}

/**
 * The first cursor of a list. With the account's pipelines, whole pipelines share one stream (see
 * splitLeadsQuery); without them every stage gets its own: the same leads in the same order, in
 * more requests.
 */
export function initialLeadsCursor(view: LeadsView, pipelines?: readonly Pipeline[]): LeadsCursor {
  const queries = splitLeadsQuery(view, pipelines);
  // The merge relies on every stream being sorted the same way, and the app's default is not Kommo's:
  // never leave the order to the server.
  const streams = queries.map((q) => ({ ...q, order: effectiveOrder(q.order) }));
  return { streams: streams.map((q) => ({ query: q, nextPage: 1, buffer: [] })) };
}

/** How far the first refill of a chunk has got: streams answered of all those asked. */
export type StreamsProgress = { loaded: number; total: number };

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

type WorkingStream = { query: LeadsView; nextPage: number | null; buffer: Lead[]; offset: number; recentIds?: readonly number[] | undefined };

async function refill(client: KommoClient, source: LeadsPageSource, stream: WorkingStream, asOf: number, signal: AbortSignal): Promise<void> {
  const page = stream.nextPage;
  if (page === null) return;
  // Rolling date presets become Kommo's seconds here, with the list's one "now".
  const sent = await resolveRollingDates(client, stream.query, asOf);
  const result = await source(sent, page, signal);
  const keep = leadsPostFilter(stream.query);
  const recent = new Set(stream.recentIds);
  const fresh = recent.size > 0 ? result.leads.filter((lead) => !recent.has(lead.id)) : result.leads;
  stream.recentIds = result.leads.map((lead) => lead.id);
  stream.buffer = keep ? fresh.filter(keep) : fresh;
  stream.offset = 0;
  // An empty page that still links a next one would loop forever: treat it as the end. Counted
  // before the post-filter: a page whose leads were all dropped still leads to the next one.
  stream.nextPage = result.hasNext && result.leads.length > 0 ? page + 1 : null;
}

export type FetchLeadsChunkOptions = {
  signal: AbortSignal;
  /** The view's order (default: the app's default order). */
  order?: LeadsQuery['order'];
  /** Leads a chunk (default 250). */
  chunkSize?: number;
  bounds?: ChunkPageBounds;
  /** Told while a chunk waits for several streams ("loading 7 of 19 stages"). */
  onProgress?: (progress: StreamsProgress) => void;
  /** Where pages come from (default: straight from Kommo; load all passes its read-ahead). */
  source?: LeadsPageSource;
};

/**
 * The next `chunkSize` leads of the merged streams, or fewer when the page bounds end the chunk
 * first (then `next` goes on where it stopped). Pure with respect to `cursor`: on failure it
 * rejects with the failing stream's ApiError and the same cursor can be retried as is.
 */
export async function fetchLeadsChunk(
  client: KommoClient,
  cursor: LeadsCursor,
  {
    signal,
    order,
    chunkSize = DEFAULT_CHUNK_SIZE,
    bounds = DEFAULT_CHUNK_PAGE_BOUNDS,
    onProgress,
    source = directPageSource(client),
  }: FetchLeadsChunkOptions,
): Promise<LiveLeadsChunk> {
  const size = Math.max(1, Math.trunc(chunkSize));
  const compare = compareLeads(effectiveOrder(order));
  const work: WorkingStream[] = cursor.streams.map((s) => ({ ...s, offset: 0 }));
  const asOf = cursor.asOf ?? Math.floor(Date.now() / 1000);
  const leads: Lead[] = [];
  // A lead moved between stages while the streams walk can arrive from two of them: emit it once.
  const emitted = new Set<number>();
  let pages = 0;

  while (leads.length < size) {
    // Emit only when every stream that may still hold a smaller lead has one in hand.
    const empty = work.filter((s) => s.offset >= s.buffer.length && s.nextPage !== null);
    if (empty.length > 0) {
      if (pages >= bounds.limit || (pages >= bounds.budget && leads.length > 0)) break;
      pages += empty.length;
      const controller = new AbortController();
      const linked = anySignal([signal, controller.signal]);
      const total = empty.length;
      let loaded = 0;
      // Only a wait on several streams is worth telling ("loading 7 of 19 stages").
      const tell = total > 1 && onProgress ? onProgress : null;
      tell?.({ loaded, total });
      try {
        await Promise.all(
          empty.map((s) =>
            refill(client, source, s, asOf, linked.signal).then(() => {
              loaded += 1;
              tell?.({ loaded, total });
            }),
          ),
        );
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
    best.offset += 1;
    if (emitted.has(bestLead.id)) continue;
    emitted.add(bestLead.id);
    leads.push(bestLead);
  }

  const streams = work.map((s) => ({ query: s.query, nextPage: s.nextPage, buffer: s.buffer.slice(s.offset), recentIds: s.recentIds }));
  const done = streams.every((s) => s.nextPage === null && s.buffer.length === 0);
  return { source: 'live', leads, next: done ? null : { streams, asOf } };
}
