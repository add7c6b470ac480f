// A LeadsQuery's filters as the local copy's index applies them: each one clears, in a mask over the
// leads in storage order, the ones it does not keep, reading the columns (index-columns.ts).
import type { LeadsQuery, Range } from '@/kommo/leads-query';
import { nullOf, type Columns, type NumericField } from './index-columns';

/** A filter clears the positions (in storage order) of the leads it does not keep. */
export type MaskFilter = (mask: Uint8Array, columns: Columns, names: () => (string | null)[]) => void;

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
