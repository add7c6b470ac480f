// The local copy index's columns: one typed array a numeric lead field (4 bytes a lead where the
// values are whole numbers that fit, else 8), with the value each stores for null.

/** The lead fields kept as columns, every one a number or null. */
export const NUMERIC_FIELDS = [
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
export type NumericField = (typeof NUMERIC_FIELDS)[number];

/**
 * Whole numbers that fit take 4 bytes a lead (null: INT_NULL, which no value of such a column
 * holds); anything else 8 (null: NaN). Either way a filter compares the stored number exactly.
 */
export type Column = Int32Array | Float64Array;
export const INT_NULL = -2147483648;
const INT_MAX = 2147483647;

/** Whole numbers in the int32 range (INT_NULL excepted) keep 4 bytes a lead; else the 8 of the doubles. */
export function narrowed(values: Float64Array): Column {
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
export const nullOf = (column: Column) => (column instanceof Int32Array ? INT_NULL : Number.NaN);

export type Columns = Record<NumericField, Column> & { price: Float64Array };
