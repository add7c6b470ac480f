// The local copy's query engine: every lead of the account in memory, with one precomputed order per
// sortable field, answering a LeadsQuery the way Kommo (and the demo account, src/server/demo/
// leads-search.ts) does: filters ANDed, values of one list filter ORed, null fields never match,
// several stages ORed (what the fetch layer's k-way merge returns), ties broken by id in the order's
// direction. Pure and synchronous: it runs inside the local-copy worker and in unit tests.
import type { LeadsQuery, OrderField, Range } from '@/kommo/leads-query';
import { viewKey } from '@/kommo/view-key';
import type { Lead } from '@/kommo/lead-schema';
import { effectiveOrder } from '@/lib/leads/leads-order';

export type LocalViewTotals = { count: number; priceSum: number };
export type LocalViewSlice<T = Lead> = LocalViewTotals & { leads: T[]; nextOffset: number | null };

/** What the index reads of a lead: everything but its custom fields (the worker keeps those packed). */
export type IndexedLead = Omit<Lead, 'custom_fields_values'>;

type Predicate = (lead: IndexedLead) => boolean;

/** A range with neither bound is not sent to Kommo at all (encodeLeadsQuery drops it): no filter. */
const isBounded = (range: Range | undefined): range is Range => range !== undefined && (range.from !== undefined || range.to !== undefined);

function inRange(value: number | null, range: Range): boolean {
  if (value === null) return false;
  return (range.from === undefined || value >= range.from) && (range.to === undefined || value <= range.to);
}

export function compileLocalFilter(query: LeadsQuery): Predicate | null {
  // Rolling presets are resolved before the copy is asked (local-list-chunk.ts), at the view's "now":
  // ignoring one here would answer "won this month" with every won lead.
  if (query.dates && Object.values(query.dates).some((p) => p !== undefined)) throw new Error('rolling date presets must be resolved first');
  const filter = query.filter ?? {};
  const tests: Predicate[] = [];
  const inSet = (values: number[] | undefined, get: (l: IndexedLead) => number | null) => {
    if (!values) return;
    const set = new Set(values);
    tests.push((l) => {
      const v = get(l);
      return v !== null && set.has(v);
    });
  };
  inSet(filter.id, (l) => l.id);
  inSet(filter.created_by, (l) => l.created_by);
  inSet(filter.updated_by, (l) => l.updated_by);
  inSet(filter.responsible_user_id, (l) => l.responsible_user_id);
  inSet(filter.pipeline_id, (l) => l.pipeline_id);
  if (filter.name) {
    const names = new Set(filter.name.map((n) => n.toLowerCase()));
    tests.push((l) => l.name !== null && names.has(l.name.toLowerCase()));
  }
  const price = filter.price;
  // Kommo filters on the whole-unit `price` (the PHP SDK truncates price_with_minor_units into it);
  // the lead's price here carries the cents, so compare its whole part.
  const whole = (l: IndexedLead) => (l.price === null ? null : Math.trunc(l.price));
  if (typeof price === 'number') tests.push((l) => whole(l) === price);
  else if (isBounded(price)) tests.push((l) => inRange(whole(l), price));
  for (const field of ['created_at', 'updated_at', 'closed_at', 'closest_task_at'] as const) {
    const range = filter[field];
    if (isBounded(range)) tests.push((l) => inRange(l[field], range));
  }
  if (filter.statuses && filter.statuses.length > 0) {
    // Status ids 142 and 143 exist in every pipeline: a stage is the pair. Pipeline → its stages, so
    // 100,000 leads are tested without building a key string for each.
    const stages = new Map<number, Set<number>>();
    for (const s of filter.statuses) {
      const set = stages.get(s.pipeline_id) ?? new Set<number>();
      set.add(s.status_id);
      stages.set(s.pipeline_id, set);
    }
    tests.push((l) => l.pipeline_id !== null && l.status_id !== null && (stages.get(l.pipeline_id)?.has(l.status_id) ?? false));
  }
  if (query.tasks === 'none') tests.push((l) => l.closest_task_at === null);
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0] ?? null;
  return (l) => tests.every((t) => t(l));
}

type ViewResult = LocalViewTotals & { positions: Uint32Array };

const RESULT_CACHE_SIZE = 8;

/** `T`: the lead as the index keeps it (the whole Lead, or the worker's packed form). */
export class LocalLeadsIndex<T extends IndexedLead = Lead> {
  private byId = new Map<number, T>();
  private rows: T[] = [];
  private orders: Partial<Record<OrderField, Uint32Array>> = {};
  private dirty = true;
  private results = new Map<string, ViewResult>();

  get size(): number {
    return this.byId.size;
  }

  /** Adds or replaces leads (by id). */
  upsert(leads: readonly T[]): void {
    for (const lead of leads) this.byId.set(lead.id, lead);
    if (leads.length > 0) this.invalidate();
  }

  remove(ids: readonly number[]): number {
    let removed = 0;
    for (const id of ids) if (this.byId.delete(id)) removed++;
    if (removed > 0) this.invalidate();
    return removed;
  }

  clear(): void {
    this.byId.clear();
    this.invalidate();
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  private invalidate(): void {
    this.dirty = true;
    this.results.clear();
  }

  private order(field: OrderField): Uint32Array {
    if (this.dirty) {
      this.rows = [...this.byId.values()];
      this.orders = {};
      this.dirty = false;
    }
    const cached = this.orders[field];
    if (cached) return cached;
    const rows = this.rows;
    const positions = new Uint32Array(rows.length);
    for (let i = 0; i < rows.length; i++) positions[i] = i;
    // Nulls first in ascending order (as compareLeads in the fetch layer); ties by id.
    const key = (l: T) => (field === 'id' ? l.id : (l[field] ?? Number.NEGATIVE_INFINITY));
    positions.sort((a, b) => {
      const ra = rows[a] as T;
      const rb = rows[b] as T;
      const ka = key(ra);
      const kb = key(rb);
      return ka !== kb ? (ka < kb ? -1 : 1) : ra.id - rb.id;
    });
    this.orders[field] = positions;
    return positions;
  }

  private evaluate(query: LeadsQuery): ViewResult {
    const key = viewKey(query);
    const cached = this.results.get(key);
    if (cached) {
      // Most recently used last, so the oldest is evicted first.
      this.results.delete(key);
      this.results.set(key, cached);
      return cached;
    }
    // No order asked: the app's default (newest first), the order the API path sends too.
    const { field, direction } = effectiveOrder(query.order);
    const desc = direction === 'desc';
    const order = this.order(field);
    const rows = this.rows;
    const test = compileLocalFilter(query);
    const n = order.length;
    const matched = new Uint32Array(n);
    let count = 0;
    let priceSum = 0;
    for (let k = 0; k < n; k++) {
      const position = order[desc ? n - 1 - k : k] as number;
      const lead = rows[position] as T;
      if (test && !test(lead)) continue;
      matched[count++] = position;
      priceSum += lead.price ?? 0;
    }
    const result: ViewResult = { count, priceSum, positions: matched.subarray(0, count) };
    this.results.set(key, result);
    if (this.results.size > RESULT_CACHE_SIZE) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) this.results.delete(oldest);
    }
    return result;
  }

  totals(query: LeadsQuery): LocalViewTotals {
    const { count, priceSum } = this.evaluate(query);
    return { count, priceSum };
  }

  /** `size` leads of the view from `offset`, with the whole view's count and price sum. */
  slice(query: LeadsQuery, offset: number, size: number): LocalViewSlice<T> {
    const result = this.evaluate(query);
    const start = Math.max(0, Math.trunc(offset));
    const end = Math.min(result.count, start + Math.max(1, Math.trunc(size)));
    const leads: T[] = [];
    for (let k = start; k < end; k++) leads.push(this.rows[result.positions[k] as number] as T);
    return { count: result.count, priceSum: result.priceSum, leads, nextOffset: end < result.count ? end : null };
  }
}
