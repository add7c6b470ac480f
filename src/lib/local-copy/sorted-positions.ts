// The local copy index's orders: the leads' positions sorted by a column.
import { nullOf, type Column } from './index-columns';

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
export function sortedPositions(column: Column, byId: Uint32Array | null): Uint32Array {
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
