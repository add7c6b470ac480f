// Filtering, ordering and paging of demo leads. Orders are precomputed index arrays; filters scan
// in order and stop once the page (plus one lead, to know whether a next page exists) is found.
import type { LeadsFilter, LeadsQuery, OrderDirection, OrderField } from '@/kommo/leads-query';
import type { DemoDeletedLead, DemoLead } from './demo-data';

/** The searchable text of a lead's contacts and company (names, phones, e-mails), lower-cased. */
export type LinkedText = (lead: DemoLead) => string;

export type LeadIndex = {
  leads: readonly DemoLead[];
  /** What `query` also searches besides the lead's own fields: its contacts and company. */
  linkedText: LinkedText;
  deleted: readonly DemoDeletedLead[];
  /** Positions into `leads`, ascending by the field (ties by id). */
  order: Record<OrderField, Uint32Array>;
  deletedOrder: Record<OrderField, Uint32Array>;
};

type Row = { id: number } & Partial<Record<keyof DemoLead, unknown>>;

function sortedPositions<T extends { id: number }>(rows: readonly T[], key: (row: T) => number): Uint32Array {
  const positions = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) positions[i] = i;
  return positions.sort((a, b) => {
    const ra = rows[a] as T;
    const rb = rows[b] as T;
    return key(ra) - key(rb) || ra.id - rb.id;
  });
}

export function createLeadIndex(leads: readonly DemoLead[], deleted: readonly DemoDeletedLead[], linkedText: LinkedText = () => ''): LeadIndex {
  return {
    leads,
    linkedText,
    deleted,
    order: {
      id: sortedPositions(leads, (l) => l.id),
      created_at: sortedPositions(leads, (l) => l.created_at),
      updated_at: sortedPositions(leads, (l) => l.updated_at),
    },
    // Deleted leads have no created_at: that order falls back to id.
    deletedOrder: {
      id: sortedPositions(deleted, (l) => l.id),
      created_at: sortedPositions(deleted, (l) => l.id),
      updated_at: sortedPositions(deleted, (l) => l.updated_at),
    },
  };
}

type Predicate = (lead: DemoLead) => boolean;

function inRange(value: number | null, range: { from?: number; to?: number }): boolean {
  if (value === null) return false;
  return (range.from === undefined || value >= range.from) && (range.to === undefined || value <= range.to);
}

/** One predicate per filter, ANDed; values within a list filter are ORed. Null fields never match. */
function compileFilter(filter: LeadsFilter, search: string | undefined, linkedText: LinkedText): Predicate[] {
  const tests: Predicate[] = [];
  const inSet = (values: number[] | undefined, get: (l: DemoLead) => number) => {
    if (!values) return;
    const set = new Set(values);
    tests.push((l) => set.has(get(l)));
  };
  inSet(filter.id, (l) => l.id);
  inSet(filter.created_by, (l) => l.created_by);
  inSet(filter.updated_by, (l) => l.updated_by);
  inSet(filter.responsible_user_id, (l) => l.responsible_user_id);
  inSet(filter.pipeline_id, (l) => l.pipeline_id);
  if (filter.name) {
    // Exact name match, case-insensitive (the free-text search is `query`).
    const names = new Set(filter.name.map((n) => n.toLowerCase()));
    tests.push((l) => names.has(l.name.toLowerCase()));
  }
  const price = filter.price;
  if (typeof price === 'number') tests.push((l) => l.price === price);
  else if (price) tests.push((l) => inRange(l.price, price));
  for (const field of ['created_at', 'updated_at', 'closed_at', 'closest_task_at'] as const) {
    const range = filter[field];
    if (range) tests.push((l) => inRange(l[field], range));
  }
  const stage = filter.statuses?.[0];
  if (stage) tests.push((l) => l.pipeline_id === stage.pipeline_id && l.status_id === stage.status_id);
  if (search) {
    // As Kommo's lead search: the lead's name and filled fields, its id, and the names, phones and
    // e-mails of its contacts and company (see linked-search-text.ts for what backs this).
    const needle = search.toLowerCase();
    const id = /^\d+$/.test(needle.trim()) ? Number(needle.trim()) : null;
    tests.push((l) => l.searchText.includes(needle) || l.id === id || linkedText(l).includes(needle));
  }
  return tests;
}

function compileDeletedFilter(filter: LeadsFilter, search: string | undefined): ((l: DemoDeletedLead) => boolean) | null {
  // Every field but id and updated_at is null on a deleted lead, so any other filter matches nothing.
  const { id, updated_at, ...rest } = filter;
  if (search || Object.keys(rest).length > 0) return null;
  const ids = id ? new Set(id) : null;
  return (l) => (!ids || ids.has(l.id)) && (!updated_at || inRange(l.updated_at, updated_at));
}

export type LeadsPageResult<T> = { rows: T[]; hasNext: boolean };

function walk<T extends Row>(
  rows: readonly T[],
  positions: Uint32Array,
  direction: OrderDirection,
  test: ((row: T) => boolean) | null,
  page: number,
  limit: number,
): LeadsPageResult<T> {
  const skip = (page - 1) * limit;
  const n = positions.length;
  const at = (k: number) => rows[positions[direction === 'asc' ? k : n - 1 - k] as number] as T;
  if (!test) {
    // No filter: the page is a slice of the index.
    const out: T[] = [];
    for (let k = skip; k < Math.min(n, skip + limit); k++) out.push(at(k));
    return { rows: out, hasNext: skip + limit < n };
  }
  const out: T[] = [];
  let matched = 0;
  for (let k = 0; k < n; k++) {
    const row = at(k);
    if (!test(row)) continue;
    if (matched >= skip) {
      if (out.length === limit) return { rows: out, hasNext: true };
      out.push(row);
    }
    matched++;
  }
  return { rows: out, hasNext: false };
}

/** Default order: id ascending (documented; real Kommo's unspecified default is close to it). */
export function searchLeads(
  index: LeadIndex,
  query: LeadsQuery,
  page: number,
  limit: number,
  /** The context user's view right: leads they may not see are left out before paging, as Kommo does. */
  visible?: Predicate,
): LeadsPageResult<DemoLead> {
  const field = query.order?.field ?? 'id';
  const direction = query.order?.direction ?? 'asc';
  const tests = compileFilter(query.filter ?? {}, query.query, index.linkedText);
  if (visible) tests.unshift(visible);
  const test = tests.length === 0 ? null : tests.length === 1 ? (tests[0] as Predicate) : (l: DemoLead) => tests.every((t) => t(l));
  return walk(index.leads, index.order[field], direction, test, page, limit);
}

export function searchDeletedLeads(index: LeadIndex, query: LeadsQuery, page: number, limit: number): LeadsPageResult<DemoDeletedLead> {
  const field = query.order?.field ?? 'id';
  const direction = query.order?.direction ?? 'asc';
  const filter = query.filter ?? {};
  const test = compileDeletedFilter(filter, query.query);
  if (!test) return { rows: [], hasNext: false };
  const hasFilter = filter.id !== undefined || filter.updated_at !== undefined;
  return walk(index.deleted, index.deletedOrder[field], direction, hasFilter ? test : null, page, limit);
}
