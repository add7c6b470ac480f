// The local copy's query engine: every lead of the account in memory, answering a LeadsQuery the way
// Kommo (and the demo account, src/server/demo/leads-search.ts) does: filters ANDed, values of one
// list filter ORed, null fields never match, several stages ORed (what the fetch layer's k-way merge
// returns), ties broken by id in the order's direction. Pure and synchronous: it runs inside the
// local-copy worker and in unit tests.
//
// Filters read columns (one typed array a field, built once per change of content), not the lead
// objects: at 100,000 leads a view is a few tight loops over arrays instead of 100,000 calls of a
// predicate on objects of several shapes, visited in sort order (issue 22, docs/performance.md).
import type { LeadsQuery, OrderField, Range } from '@/kommo/leads-query';
import { viewKey } from '@/kommo/view-key';
import type { Lead } from '@/kommo/lead-schema';
import { effectiveOrder } from '@/lib/leads/leads-order';

export type LocalViewTotals = { count: number; priceSum: number };
export type LocalViewSlice<T = Lead> = LocalViewTotals & { leads: T[]; nextOffset: number | null };

/** What the index reads of a lead: everything but its custom fields (the worker keeps those packed). */
export type IndexedLead = Omit<Lead, 'custom_fields_values'>;

/** The lead fields kept as columns, every one a number or null. */
const NUMERIC_FIELDS = [
  'id',
  'created_at',
  'updated_at',
  'closed_at',
  'closest_task_at',
  'created_by',
  'updated_by',
  'responsible_user_id',
  'pipeline_id',
  'status_id',
] as const;
type NumericField = (typeof NUMERIC_FIELDS)[number];

/**
 * Whole numbers that fit take 4 bytes a lead (null: INT_NULL, which no value of such a column
 * holds); anything else 8 (null: NaN). Either way a filter compares the stored number exactly.
 */
type Column = Int32Array | Float64Array;
const INT_NULL = -2147483648;
const INT_MAX = 2147483647;

/** Whole numbers in the int32 range (INT_NULL excepted) keep 4 bytes a lead; else the 8 of the doubles. */
function narrowed(values: Float64Array): Column {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === v && !(Number.isInteger(v) && v > INT_NULL && v <= INT_MAX)) return values;
  }
  const ints = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    ints[i] = v === v ? v : INT_NULL;
  }
  return ints;
}

/** The value a column stores for null (NaN never equals itself: a Float64 null fails every comparison). */
const nullOf = (column: Column) => (column instanceof Int32Array ? INT_NULL : Number.NaN);

type Columns = Record<NumericField, Column> & { price: Float64Array };

/** A filter clears the positions (in storage order) of the leads it does not keep. */
type MaskFilter = (mask: Uint8Array, columns: Columns, names: () => (string | null)[]) => void;

/** A range with neither bound is not sent to Kommo at all (encodeLeadsQuery drops it): no filter. */
const isBounded = (range: Range | undefined): range is Range => range !== undefined && (range.from !== undefined || range.to !== undefined);

function keepInSet(field: NumericField, values: readonly number[]): MaskFilter {
  const set = new Set(values);
  return (mask, columns) => {
    const column = columns[field];
    const none = nullOf(column);
    for (let i = 0; i < mask.length; i++) {
      const v = column[i] as number;
      if (v === none || !set.has(v)) mask[i] = 0;
    }
  };
}

function keepInRange(field: NumericField, range: Range): MaskFilter {
  const lo = range.from ?? Number.NEGATIVE_INFINITY;
  const hi = range.to ?? Number.POSITIVE_INFINITY;
  return (mask, columns) => {
    const column = columns[field];
    const none = nullOf(column);
    for (let i = 0; i < mask.length; i++) {
      const v = column[i] as number;
      if (v === none || !(v >= lo && v <= hi)) mask[i] = 0;
    }
  };
}

/** The filters of a query, over columns; none when it keeps every lead. */
export function compileLocalFilter(query: LeadsQuery): MaskFilter[] {
  // Rolling presets are resolved before the copy is asked (local-list-chunk.ts), at the view's "now":
  // ignoring one here would answer "won this month" with every won lead.
  if (query.dates && Object.values(query.dates).some((p) => p !== undefined)) throw new Error('rolling date presets must be resolved first');
  const filter = query.filter ?? {};
  const filters: MaskFilter[] = [];
  for (const field of ['id', 'created_by', 'updated_by', 'responsible_user_id', 'pipeline_id'] as const) {
    const values = filter[field];
    if (values) filters.push(keepInSet(field, values));
  }
  if (filter.name) {
    const wanted = new Set(filter.name.map((n) => n.toLowerCase()));
    filters.push((mask, _columns, names) => {
      const lower = names();
      for (let i = 0; i < mask.length; i++) {
        const name = lower[i];
        if (name === null || name === undefined || !wanted.has(name)) mask[i] = 0;
      }
    });
  }
  // Kommo filters on the whole-unit `price` (the PHP SDK truncates price_with_minor_units into it);
  // the lead's price here carries the cents, so compare its whole part. A null price is NaN: no match.
  const price = filter.price;
  if (typeof price === 'number' || isBounded(price)) {
    const lo = typeof price === 'number' ? price : (price.from ?? Number.NEGATIVE_INFINITY);
    const hi = typeof price === 'number' ? price : (price.to ?? Number.POSITIVE_INFINITY);
    filters.push((mask, columns) => {
      const prices = columns.price;
      for (let i = 0; i < mask.length; i++) {
        const whole = Math.trunc(prices[i] as number);
        if (!(whole >= lo && whole <= hi)) mask[i] = 0;
      }
    });
  }
  for (const field of ['created_at', 'updated_at', 'closed_at', 'closest_task_at'] as const) {
    const range = filter[field];
    if (isBounded(range)) filters.push(keepInRange(field, range));
  }
  if (filter.statuses && filter.statuses.length > 0) {
    // Status ids 142 and 143 exist in every pipeline: a stage is the pair. Pipeline → its stages.
    const stages = new Map<number, Set<number>>();
    for (const s of filter.statuses) {
      const set = stages.get(s.pipeline_id) ?? new Set<number>();
      set.add(s.status_id);
      stages.set(s.pipeline_id, set);
    }
    filters.push((mask, columns) => {
      const pipelines = columns.pipeline_id;
      const statuses = columns.status_id;
      const nonePipeline = nullOf(pipelines);
      const noneStatus = nullOf(statuses);
      for (let i = 0; i < mask.length; i++) {
        const p = pipelines[i] as number;
        const s = statuses[i] as number;
        if (p === nonePipeline || s === noneStatus || !(stages.get(p)?.has(s) ?? false)) mask[i] = 0;
      }
    });
  }
  if (query.tasks === 'none') {
    filters.push((mask, columns) => {
      const column = columns.closest_task_at;
      const none = nullOf(column);
      for (let i = 0; i < mask.length; i++) {
        const v = column[i] as number;
        // Float64 null is NaN, the only value not equal to itself.
        if (!(v === none || v !== v)) mask[i] = 0;
      }
    });
  }
  return filters;
}

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

/** Positions fit in the low 20 bits of a sort code; a code stays an exact integer below 2^53. */
const POSITION_BITS = 2 ** 20;
const MAX_EXACT = 2 ** 53;

/**
 * Positions in ascending order of the column, nulls first (as compareLeads in the fetch layer), ties
 * by id (`byId`: the id order; null when sorting the ids themselves, which are unique). Each lead
 * becomes one number, its key's rank above its tie-break's, so the engine's own numeric sort (no
 * comparator: several times faster at 100,000) does the work; a copy too large or keys too far apart
 * for that take the comparator.
 */
function sortedPositions(column: Column, byId: Uint32Array | null): Uint32Array {
  const n = column.length;
  const none = nullOf(column);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const v = column[i] as number;
    if (v === none || v !== v) continue;
    if (!Number.isInteger(v)) integers = false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Key 0 is null; others 1 + (v - min).
  const span = max >= min ? max - min + 2 : 1;
  if (!integers || n >= POSITION_BITS || span * POSITION_BITS >= MAX_EXACT) return sortedByComparator(column, byId);
  // The tie-break: the lead's rank in id order (ids are unique, so the ids' own sort needs none).
  const tie = new Uint32Array(n);
  if (byId) for (let r = 0; r < n; r++) tie[byId[r] as number] = r;
  const codes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = column[i] as number;
    const key = v === none || v !== v ? 0 : v - min + 1;
    codes[i] = key * POSITION_BITS + (byId ? (tie[i] as number) : i);
  }
  codes.sort();
  const positions = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const low = (codes[k] as number) % POSITION_BITS;
    positions[k] = byId ? (byId[low] as number) : low;
  }
  return positions;
}

function sortedByComparator(column: Column, byId: Uint32Array | null): Uint32Array {
  const n = column.length;
  const none = nullOf(column);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = column[i] as number;
    keys[i] = v === none || v !== v ? Number.NEGATIVE_INFINITY : v;
  }
  const tie = new Float64Array(n);
  if (byId) for (let r = 0; r < n; r++) tie[byId[r] as number] = r;
  const positions = new Uint32Array(n);
  for (let i = 0; i < n; i++) positions[i] = i;
  positions.sort((a, b) => {
    const ka = keys[a] as number;
    const kb = keys[b] as number;
    return ka !== kb ? (ka < kb ? -1 : 1) : byId ? (tie[a] as number) - (tie[b] as number) : 0;
  });
  return positions;
}

function countKept(mask: Uint8Array): number {
  let kept = 0;
  for (let i = 0; i < mask.length; i++) kept += mask[i] as number;
  return kept;
}
