// Reading a leads query string into a typed LeadsQuery: one parser per parameter (with, paging,
// search, order, id and name lists, price, date ranges, stages), each reporting what it cannot read
// as a named issue. Shared by the demo account (refuses with 400), the proxy and the app URL (applies
// the valid part with a notice).
import {
  DATE_FILTERS,
  LEAD_WITH_VALUES,
  MAX_FILTER_VALUES,
  MAX_LIMIT,
  MAX_QUERY_LENGTH,
  ORDER_FIELDS,
  parseInteger,
  type DateFilter,
  type IdListFilter,
  type LeadsFilter,
  type LeadsQuery,
  type ParsedLeadsQuery,
  type QueryIssue,
  type QueryIssueReason,
  type StagePair,
} from './leads-query';

/** What the parsers build, and the one way they report. */
type ParseState = {
  query: LeadsQuery;
  filter: LeadsFilter;
  /** `filter[statuses][i][…]` halves by index, paired once every parameter is read. */
  stages: Map<number, Partial<StagePair>>;
  issue: (param: string, reason: QueryIssueReason, detail: string) => void;
};

/** Reads one parameter if it is its own (true), else leaves it to the next parser (false). */
type ParamParser = (key: string, raw: string, state: ParseState) => boolean;

const LIST_KEY_RE = /^filter\[(id|created_by|updated_by|responsible_user_id|pipeline_id|name)\](?:\[(\d*)\])?$/;
const DATE_KEY_RE = /^filter\[(created_at|updated_at|closed_at|closest_task_at)\]\[(from|to)\]$/;
const PRICE_RANGE_KEY_RE = /^filter\[price\]\[(from|to)\]$/;
const STATUS_KEY_RE = /^filter\[statuses\]\[(\d{1,3})\]\[(pipeline_id|status_id)\]$/;
const ORDER_KEY_RE = /^order\[([^\]]*)\]$/;

function isOneOf<T extends string>(values: readonly T[], v: string): v is T {
  return (values as readonly string[]).includes(v);
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** A value added to a list filter, at most 250 of them (Kommo's bound). */
function pushBounded<T>(list: T[], value: T, key: string, issue: ParseState['issue']): void {
  if (list.length >= MAX_FILTER_VALUES) issue(key, 'too-many-values', `at most ${MAX_FILTER_VALUES} values`);
  else list.push(value);
}

/** `with=contacts,loss_reason`: known values only, each once. */
const parseWith: ParamParser = (key, raw, { query, issue }) => {
  if (key !== 'with') return false;
  for (const part of raw.split(',')) {
    const v = part.trim();
    if (!v) continue;
    if (!isOneOf(LEAD_WITH_VALUES, v)) {
      issue(key, 'invalid-with', `"${clip(v)}" is not one of ${LEAD_WITH_VALUES.join(', ')}`);
      continue;
    }
    const list = (query.with ??= []);
    if (!list.includes(v)) list.push(v);
  }
  return true;
};

/** `page` and `limit`: whole numbers from 1, within Kommo's bounds. */
const parsePaging: ParamParser = (key, raw, { query, issue }) => {
  if (key !== 'page' && key !== 'limit') return false;
  const n = parseInteger(raw);
  if (n === null || n < 1) issue(key, 'not-an-integer', `"${clip(raw)}" is not a whole number from 1`);
  else if (key === 'limit' && n > MAX_LIMIT) issue(key, 'limit-too-large', `limit is at most ${MAX_LIMIT}`);
  else if (key === 'page' && n > 1_000_000) issue(key, 'out-of-range', 'page is at most 1000000');
  else query[key] = n;
  return true;
};

/** `query`: the search text, trimmed and bounded. */
const parseSearch: ParamParser = (key, raw, { query, issue }) => {
  if (key !== 'query') return false;
  const v = raw.trim();
  if (!v) return true;
  if (v.length > MAX_QUERY_LENGTH) issue(key, 'too-long', `search text may have at most ${MAX_QUERY_LENGTH} characters`);
  // A repeated single-valued parameter is reported, never silently overwritten: the first wins.
  else if (query.query !== undefined) issue(key, 'several-orders', 'only one search text at a time; the first was kept');
  else query.query = v;
  return true;
};

/** `order[<field>]=asc|desc`: one of Kommo's three fields, once. */
const parseOrder: ParamParser = (key, raw, { query, issue }) => {
  const order = ORDER_KEY_RE.exec(key);
  if (!order) return false;
  const field = order[1] ?? '';
  const dir = raw.trim().toLowerCase();
  if (!isOneOf(ORDER_FIELDS, field)) issue(key, 'unknown-parameter', `leads can be ordered by ${ORDER_FIELDS.join(', ')} only`);
  else if (dir !== 'asc' && dir !== 'desc') issue(key, 'invalid-direction', `"${clip(raw)}" is neither asc nor desc`);
  else if (query.order) issue(key, 'several-orders', 'only one order at a time; the first was kept');
  else query.order = { field, direction: dir };
  return true;
};

/** `filter[<id field>][]` whole numbers and `filter[name][]` texts, at most 250 values each. */
const parseListFilter: ParamParser = (key, raw, { filter, issue }) => {
  const match = LIST_KEY_RE.exec(key);
  if (!match) return false;
  const field = match[1] as IdListFilter | 'name';
  if (field === 'name') {
    const v = raw.trim();
    if (!v) issue(key, 'empty', 'an empty name was ignored');
    else if (v.length > MAX_QUERY_LENGTH) issue(key, 'too-long', `a name may have at most ${MAX_QUERY_LENGTH} characters`);
    else pushBounded((filter.name ??= []), v, key, issue);
    return true;
  }
  const n = parseInteger(raw);
  if (n === null) issue(key, 'not-an-integer', `"${clip(raw)}" is not a whole number`);
  else pushBounded((filter[field] ??= []), n, key, issue);
  return true;
};

/** `filter[price]` (exact) or `filter[price][from|to]` (a range): one or the other. */
const parsePrice: ParamParser = (key, raw, { filter, issue }) => {
  const range = PRICE_RANGE_KEY_RE.exec(key);
  if (key !== 'filter[price]' && !range) return false;
  const n = parseInteger(raw);
  if (n === null) issue(key, 'not-an-integer', `"${clip(raw)}" is not a whole number`);
  else if (!range) {
    if (filter.price !== undefined) issue(key, 'several-orders', 'price is either exact or a range');
    else filter.price = n;
  } else {
    const bound = range[1] as 'from' | 'to';
    if (typeof filter.price === 'number') issue(key, 'several-orders', 'price is either exact or a range');
    else if (filter.price?.[bound] !== undefined) issue(key, 'several-orders', `"${bound}" given twice; the first was kept`);
    else filter.price = { ...(filter.price ?? {}), [bound]: n };
  }
  return true;
};

/** `filter[<date field>][from|to]`: Unix seconds, each bound once. */
const parseDateRange: ParamParser = (key, raw, { filter, issue }) => {
  const range = DATE_KEY_RE.exec(key);
  if (!range) return false;
  const field = range[1] as DateFilter;
  const bound = range[2] as 'from' | 'to';
  const n = parseInteger(raw);
  if (n === null) issue(key, 'not-an-integer', `"${clip(raw)}" is not a Unix timestamp`);
  else if (filter[field]?.[bound] !== undefined) issue(key, 'several-orders', `"${bound}" given twice; the first was kept`);
  else filter[field] = { ...(filter[field] ?? {}), [bound]: n };
  return true;
};

/** `filter[statuses][i][pipeline_id|status_id]`: halves kept by index until every parameter is read. */
const parseStage: ParamParser = (key, raw, { stages, issue }) => {
  const status = STATUS_KEY_RE.exec(key);
  if (!status) return false;
  const n = parseInteger(raw);
  if (n === null) {
    issue(key, 'not-an-integer', `"${clip(raw)}" is not a whole number`);
    return true;
  }
  const index = Number(status[1]);
  const pair = stages.get(index) ?? {};
  const part = status[2] as keyof StagePair;
  if (pair[part] !== undefined) issue(key, 'several-orders', 'given twice; the first was kept');
  else {
    pair[part] = n;
    stages.set(index, pair);
  }
  return true;
};

const PARAM_PARSERS: readonly ParamParser[] = [
  parseWith,
  parsePaging,
  parseSearch,
  parseOrder,
  parseListFilter,
  parsePrice,
  parseDateRange,
  parseStage,
];

/** The stages whose two halves both came, in index order, each pair once. */
function pairStages({ filter, stages, issue }: ParseState): void {
  for (const [index, pair] of [...stages.entries()].sort((a, b) => a[0] - b[0])) {
    if (pair.pipeline_id === undefined || pair.status_id === undefined) {
      issue(`filter[statuses][${index}]`, 'incomplete-stage', 'a stage needs both pipeline_id and status_id');
      continue;
    }
    const list = (filter.statuses ??= []);
    if (!list.some((s) => s.pipeline_id === pair.pipeline_id && s.status_id === pair.status_id)) {
      list.push({ pipeline_id: pair.pipeline_id, status_id: pair.status_id });
    }
  }
}

/** A range whose "from" is after its "to" matches nothing: dropped and reported. */
function dropInvertedRanges({ filter, issue }: ParseState): void {
  for (const field of [...DATE_FILTERS, 'price'] as const) {
    const r = filter[field];
    if (r && typeof r === 'object' && r.from !== undefined && r.to !== undefined && r.from > r.to) {
      issue(`filter[${field}]`, 'inverted-range', '"from" is after "to"');
      delete filter[field];
    }
  }
}

/**
 * Parses a query string into a LeadsQuery. Never throws: everything it cannot read is left out of
 * the result and reported as an issue with a named reason, so callers choose to refuse (the demo
 * account) or to apply the valid part with a notice (the app URL).
 */
export function parseLeadsQuery(input: string | URLSearchParams): ParsedLeadsQuery {
  const params = typeof input === 'string' ? new URLSearchParams(input.replace(/^\?/, '')) : input;
  const issues: QueryIssue[] = [];
  const state: ParseState = {
    query: {},
    filter: {},
    stages: new Map(),
    issue: (param, reason, detail) => issues.push({ param, reason, detail }),
  };
  for (const [key, raw] of params) {
    if (!PARAM_PARSERS.some((parse) => parse(key, raw, state))) state.issue(key, 'unknown-parameter', 'not a parameter of the leads list');
  }
  pairStages(state);
  dropInvertedRanges(state);
  const { query, filter } = state;
  if (Object.keys(filter).length > 0) query.filter = filter;
  return { query, issues };
}
