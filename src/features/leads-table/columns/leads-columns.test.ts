import { describe, expect, it } from 'vitest';
import { EXPAND_COLUMN_ID, LEAD_COLUMN_IDS } from '../../../lib/leads-list/lead-column-registry';
import { BASE_COLUMNS } from './leads-columns';

describe('BASE_COLUMNS', () => {
  // The export writes the registry's columns (lead-export-columns.test.ts): a table column outside
  // the registry would be one the export silently drops.
  it('are the registry columns, in its order, after the expand toggle', () => {
    expect(BASE_COLUMNS.map((c) => c.id)).toEqual([EXPAND_COLUMN_ID, ...LEAD_COLUMN_IDS]);
  });
});
