import { useMemo } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import type { ColumnContext } from '@/lib/leads-list/column-context';
import type { LeadColumnDef } from '@/features/leads-table/columns/leads-columns';
import type { TotalsInput } from './leads-table-totals';

export type TotalsInputArgs = {
  /** The shown columns marked `total`, in view order. */
  totalIds: readonly string[];
  columns: readonly LeadColumnDef[];
  leads: readonly Lead[];
  ctx: ColumnContext;
  /** Nothing more to load: the loaded leads are the whole view. */
  wholeView: boolean;
};

/**
 * The totals row's input: sums over the loaded leads (the status line's price sum is the same figure),
 * which are the whole view's once nothing more is left to load. Null while no summable column is shown.
 */
export function useTotalsInput({ totalIds, columns, leads, ctx, wholeView }: TotalsInputArgs): TotalsInput | null {
  // A string key, so the same columns shown again keep the same input.
  const idsKey = totalIds.join(',');
  return useMemo<TotalsInput | null>(() => {
    if (idsKey === '') return null;
    const ids = idsKey.split(',');
    const definitions = columns.flatMap((c) => (c.meta?.definition && ids.includes(c.meta.definition.id) ? [c.meta.definition] : []));
    return { leads, definitions, ctx, wholeView };
  }, [idsKey, columns, leads, ctx, wholeView]);
}
