// The local copy's query engine: every lead of the account in memory, answering a LeadsQuery the way
// Kommo (and the demo account, src/server/demo/leads-search.ts) does: filters ANDed, values of one
// list filter ORed, null fields never match, several stages ORed (what the fetch layer's k-way merge
// returns), ties broken by id in the order's direction. Pure and synchronous: it runs inside the
// local-copy worker and in unit tests.
//
// Filters read columns (one typed array a field, built once per change of content), not the lead
// objects: at 100,000 leads a view is a few tight loops over arrays instead of 100,000 calls of a
// predicate on objects of several shapes, visited in sort order (issue 22, docs/performance.md). The
// columns are index-columns.ts, the filters compile-local-filter.ts, the orders sorted-positions.ts.
import type { LeadsQuery, OrderField } from '@/kommo/leads-query';
import { viewKey } from '@/kommo/view-key';
import type { Lead } from '@/kommo/lead-schema';
import { effectiveOrder } from '@/lib/leads/leads-order';
import { compileLocalFilter } from './compile-local-filter';
import { narrowed, NUMERIC_FIELDS, type Column, type Columns, type NumericField } from './index-columns';
import { sortedPositions } from './sorted-positions';

export type LocalViewTotals = { count: number; priceSum: number };
export type LocalViewSlice<T = Lead> = LocalViewTotals & { leads: T[]; nextOffset: number | null };

/** What the index reads of a lead: everything but its custom fields (the worker keeps those packed). */
export type IndexedLead = Omit<Lead, 'custom_fields_values'>;

type ViewResult = LocalViewTotals & { positions: Uint32Array };

const RESULT_CACHE_SIZE = 8;

/** `T`: the lead as the index keeps it (the whole Lead, or the worker's packed form). */
export class LocalLeadsIndex<T extends IndexedLead = Lead> {
  private byId = new Map<number, T>();
  private rows: T[] = [];
  private columns: Columns | null = null;
  private lowerNames: (string | null)[] | null = null;
  private orders: Partial<Record<OrderField, Uint32Array>> = {};
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
    // Rebuilt on the next view, not on every page a sync writes.
    this.columns = null;
    this.lowerNames = null;
    this.orders = {};
    this.results.clear();
  }

  private built(): Columns {
    if (this.columns) return this.columns;
    const rows = [...this.byId.values()];
    this.rows = rows;
    const n = rows.length;
    const raw = Object.fromEntries(NUMERIC_FIELDS.map((f) => [f, new Float64Array(n)])) as Record<NumericField, Float64Array>;
    const price = new Float64Array(n);
    const none = Number.NaN;
    // One pass with each field named (a keyed read of objects of several shapes is the slow kind).
    for (let i = 0; i < n; i++) {
      const l = rows[i] as T;
      raw.id[i] = l.id;
      raw.created_at[i] = l.created_at ?? none;
      raw.updated_at[i] = l.updated_at;
      raw.closed_at[i] = l.closed_at ?? none;
      raw.closest_task_at[i] = l.closest_task_at ?? none;
      raw.created_by[i] = l.created_by ?? none;
      raw.updated_by[i] = l.updated_by ?? none;
      raw.responsible_user_id[i] = l.responsible_user_id ?? none;
      raw.pipeline_id[i] = l.pipeline_id ?? none;
      raw.status_id[i] = l.status_id ?? none;
      price[i] = l.price ?? none;
    }
    const numeric = Object.fromEntries(NUMERIC_FIELDS.map((f) => [f, narrowed(raw[f])])) as Record<NumericField, Column>;
    this.columns = { ...numeric, price };
    return this.columns;
  }

  private names(): (string | null)[] {
    this.lowerNames ??= this.rows.map((l) => (l.name === null ? null : l.name.toLowerCase()));
    return this.lowerNames;
  }

  private order(field: OrderField): Uint32Array {
    const columns = this.built();
    const cached = this.orders[field];
    if (cached) return cached;
    const byId = (this.orders.id ??= sortedPositions(columns.id, null));
    const positions = field === 'id' ? byId : sortedPositions(columns[field], byId);
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
    const filters = compileLocalFilter(query);
    // No order asked: the app's default (newest first), the order the API path sends too.
    const { field, direction } = effectiveOrder(query.order);
    const desc = direction === 'desc';
    const order = this.order(field);
    const columns = this.built();
    const n = order.length;
    let mask: Uint8Array | null = null;
    if (filters.length > 0) {
      mask = new Uint8Array(n).fill(1);
      for (const keep of filters) keep(mask, columns, () => this.names());
    }
    const prices = columns.price;
    const matched = new Uint32Array(mask ? countKept(mask) : n);
    let count = 0;
    let priceSum = 0;
    // In the view's order, so the sum adds up in the same order as before (and as the page would).
    for (let k = 0; k < n; k++) {
      const position = order[desc ? n - 1 - k : k] as number;
      if (mask && mask[position] === 0) continue;
      matched[count++] = position;
      const price = prices[position] as number;
      if (price === price) priceSum += price;
    }
    const result: ViewResult = { count, priceSum, positions: matched };
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

function countKept(mask: Uint8Array): number {
  let kept = 0;
  for (let i = 0; i < mask.length; i++) kept += mask[i] as number;
  return kept;
}
