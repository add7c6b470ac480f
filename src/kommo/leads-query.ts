// The typed LeadsQuery and its codec to and from Kommo's PHP-style bracket query string
// (`filter[statuses][0][pipeline_id]=…`). Shared by the fetch layer (encode), the demo account
// (parse strictly, refuse with 400) and the app URL (parse leniently, apply the valid part); the
// parsers, one per parameter, are in parse-leads-query.ts.

export const LEAD_WITH_VALUES = [
  'contacts',
  'only_deleted',
  'loss_reason',
  'is_price_modified_by_robot',
  'catalog_elements',
  'source_id',
  'source',
] as const;
export type LeadWith = (typeof LEAD_WITH_VALUES)[number];

export const ORDER_FIELDS = ['created_at', 'updated_at', 'id'] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];
export type OrderDirection = 'asc' | 'desc';

export const ID_LIST_FILTERS = ['id', 'created_by', 'updated_by', 'responsible_user_id', 'pipeline_id'] as const;
export type IdListFilter = (typeof ID_LIST_FILTERS)[number];
export const DATE_FILTERS = ['created_at', 'updated_at', 'closed_at', 'closest_task_at'] as const;
export type DateFilter = (typeof DATE_FILTERS)[number];

export const MAX_LIMIT = 250;
export const DEFAULT_LIMIT = 50;
/** Kommo refuses more than 250 entities in one request; the same bound holds for a list filter. */
export const MAX_FILTER_VALUES = 250;
export const MAX_QUERY_LENGTH = 500;

export type Range = { from?: number; to?: number };
export type StagePair = { pipeline_id: number; status_id: number };

/**
 * The one text key of a (pipeline, stage) pair: a stage id alone is not unique, won (142) and lost
 * (143) exist in every pipeline. A missing id (a deleted lead) keys as `none`.
 */
export function stagePairKey(pipelineId: number | null, statusId: number | null): string {
  return `${pipelineId ?? 'none'}:${statusId ?? 'none'}`;
}

/** The pair a `stagePairKey` names, or null for anything else (a `none` side included). */
export function parseStagePairKey(key: string): StagePair | null {
  const m = /^(\d{1,16}):(\d{1,16})$/.exec(key);
  if (!m) return null;
  return { pipeline_id: Number(m[1]), status_id: Number(m[2]) };
}

export type LeadsFilter = {
  [K in IdListFilter]?: number[];
} & {
  [K in DateFilter]?: Range;
} & {
  name?: string[];
  price?: number | Range;
  statuses?: StagePair[];
};

/**
 * The app's own "leads without tasks" post-filter. Kommo has no such filter (its closest-task range
 * only matches leads that have a task), so the fetch layer drops leads with a closest task from each
 * page Kommo returns. Never sent upstream: encodeLeadsQuery leaves it out and parseLeadsQuery does
 * not read it (the app URL codec does, as the plain `tasks=none`).
 */
export const TASKS_FILTER_VALUES = ['none'] as const;
export type TasksFilter = (typeof TASKS_FILTER_VALUES)[number];

/**
 * Rolling date ranges, the app's own (never sent to Kommo): "this quarter" is resolved to Kommo's
 * from/to seconds when the leads are fetched, so a saved view or a shared link stays this quarter.
 * `beforeNow` is "due before the moment of fetching" (overdue tasks).
 */
export const DATE_PRESETS = ['today', 'yesterday', 'thisWeek', 'last7Days', 'thisMonth', 'lastMonth', 'thisQuarter', 'beforeNow'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];
export type DatePresets = Partial<Record<DateFilter, DatePreset>>;

/**
 * The app's "open leads only" rule: the open stages of these pipelines (`'all'`: of every active
 * pipeline), resolved to `filter[statuses]` from the pipelines reference when the list is built
 * (resolveOpenStages), never sent as such. A view saved with the rule takes in a stage added later.
 */
export type OpenStagesRule = 'all' | number[];

export type LeadsQuery = {
  with?: LeadWith[];
  page?: number;
  limit?: number;
  query?: string;
  order?: { field: OrderField; direction: OrderDirection };
  filter?: LeadsFilter;
  /** Applied in the browser, never sent to Kommo (see TASKS_FILTER_VALUES). */
  tasks?: TasksFilter;
  /** Resolved to `filter[<field>]` ranges at fetch time, never sent as such (see DATE_PRESETS). */
  dates?: DatePresets;
  /** Resolved to `filter[statuses]` from the pipelines reference, never sent as such (see OpenStagesRule). */
  open?: OpenStagesRule;
};

/**
 * What a list shows: a query without paging. The URL codec makes one, the list query factory and the
 * leads stream take one, and only the page fetcher adds `page` and `limit` (leadsPageQuery).
 */
export type LeadsView = Omit<LeadsQuery, 'page' | 'limit'> & { page?: never; limit?: never };

/** The view of a query: its paging removed (the one place that strips it). */
export function toLeadsView(query: LeadsQuery): LeadsView {
  const { page: _page, limit: _limit, ...view } = query;
  return view;
}

export type QueryIssueReason =
  | 'unknown-parameter'
  | 'not-an-integer'
  | 'out-of-range'
  | 'invalid-direction'
  | 'invalid-with'
  | 'limit-too-large'
  | 'too-many-values'
  | 'incomplete-stage'
  | 'several-orders'
  | 'inverted-range'
  | 'too-long'
  | 'empty';

export type QueryIssue = { param: string; reason: QueryIssueReason; detail: string };

export type ParsedLeadsQuery = { query: LeadsQuery; issues: QueryIssue[] };

const INT_RE = /^\d{1,16}$/;

/** A non-negative whole number written in digits only (no sign, exponent or fraction), else null. */
export function parseInteger(raw: string): number | null {
  const trimmed = raw.trim();
  if (!INT_RE.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : null;
}

// Brackets stay literal so that a URL reads like the API call; everything else is percent-encoded.
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

// A lone UTF-16 surrogate (pasted half of an emoji) makes encodeURIComponent throw a URIError;
// URLSearchParams reads it as U+FFFD, so writing the same keeps encode total and parse-compatible.
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeValue(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE_RE, '\uFFFD')).replace(/%2C/g, ',');
}

/**
 * Serialises a LeadsQuery in a fixed parameter order (so equal queries give equal strings). Only
 * Kommo's parameters: the app's `tasks` post-filter is not Kommo's and is left out.
 */
export function encodeLeadsQuery(q: LeadsQuery): string {
  // Asking Kommo with the rule unresolved would answer every stage: an error is better than that.
  if (q.open !== undefined) throw new Error('The open-leads rule must be resolved from the pipelines before Kommo is asked');
  const parts: [string, string][] = [];
  if (q.with?.length) parts.push(['with', q.with.join(',')]);
  if (q.page !== undefined) parts.push(['page', String(q.page)]);
  if (q.limit !== undefined) parts.push(['limit', String(q.limit)]);
  if (q.query) parts.push(['query', q.query]);
  if (q.order) parts.push([`order[${q.order.field}]`, q.order.direction]);
  const f = q.filter;
  if (f) {
    for (const field of ID_LIST_FILTERS) for (const v of f[field] ?? []) parts.push([`filter[${field}][]`, String(v)]);
    for (const v of f.name ?? []) parts.push(['filter[name][]', v]);
    if (typeof f.price === 'number') parts.push(['filter[price]', String(f.price)]);
    else if (f.price) {
      if (f.price.from !== undefined) parts.push(['filter[price][from]', String(f.price.from)]);
      if (f.price.to !== undefined) parts.push(['filter[price][to]', String(f.price.to)]);
    }
    for (const field of DATE_FILTERS) {
      const r = f[field];
      if (r?.from !== undefined) parts.push([`filter[${field}][from]`, String(r.from)]);
      if (r?.to !== undefined) parts.push([`filter[${field}][to]`, String(r.to)]);
    }
    (f.statuses ?? []).forEach((s, i) => {
      parts.push([`filter[statuses][${i}][pipeline_id]`, String(s.pipeline_id)]);
      parts.push([`filter[statuses][${i}][status_id]`, String(s.status_id)]);
    });
  }
  return parts.map(([k, v]) => `${encodeKey(k)}=${encodeValue(v)}`).join('&');
}
