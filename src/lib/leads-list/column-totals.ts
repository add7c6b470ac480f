// The totals row's figures: per summable column (price, number and monetary custom fields), the sum
// of the leads' values and how many leads have one. An empty value adds nothing and does not count,
// so the average is over the leads that have a value (as Pipedrive's and a spreadsheet's AVERAGE do).
import type { Lead } from '@/kommo/lead-schema';
import type { ColumnContext } from './column-context';
import type { ColumnValue } from './column-value';
import type { LeadColumnDefinition } from './lead-column-registry';

export type ColumnTotal = {
  sum: number;
  /** Leads with a value in the column: the average's divisor. */
  count: number;
  /** Amounts in the account's currency (the price column) rather than plain numbers. */
  money: boolean;
};

/** A value as a number to add, or null: empty, text that is not a number (an unreadable value). */
export function totalNumberOf(value: ColumnValue): number | null {
  if (value.kind === 'number' || value.kind === 'money') return Number.isFinite(value.value) ? value.value : null;
  // Monetary custom fields arrive as text (Kommo sends the amount as a string or a number).
  if (value.kind === 'text') {
    const raw = value.text.trim();
    const n = raw === '' ? Number.NaN : Number(raw);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** The totals of the given columns (those marked `total`) over the leads, by column id. */
export function columnTotals(leads: readonly Lead[], definitions: readonly LeadColumnDefinition[], ctx: ColumnContext): Map<string, ColumnTotal> {
  const totals = new Map<string, ColumnTotal>();
  for (const definition of definitions) {
    if (!definition.total) continue;
    let sum = 0;
    let count = 0;
    for (const lead of leads) {
      const value = definition.value(lead, ctx);
      const n = totalNumberOf(value);
      if (n === null) continue;
      sum += n;
      count += 1;
    }
    totals.set(definition.id, { sum, count, money: definition.total === 'money' });
  }
  return totals;
}

/** The average of a column over the leads that have a value; null when none has. */
export function averageOf(total: ColumnTotal): number | null {
  return total.count > 0 ? total.sum / total.count : null;
}
