// Sorting by any column in the browser. Kommo orders a list only by id, created_at and updated_at,
// so every other column can be sorted only once the whole view is loaded (a page of a server order
// sorted by price would look sorted and be wrong). The key is the column's own value, the one its
// cell shows (src/lib/leads-list/column-value sortKey); empty cells always last.
import type { Lead } from '@/kommo/lead-schema';
import type { ColumnContext } from '@/lib/leads-list/column-context';
import { sortKey } from '@/lib/leads-list/column-value';
import type { LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import type { LocalSort } from '@/lib/url-state/leads-url-codec';

/** True for the columns the browser can sort (their definition says how). */
export function isLocallySortable(column: LeadColumnDefinition | null): column is LeadColumnDefinition {
  return column !== null && column.sort !== false;
}

/** A sorted copy; ties and empty cells keep the loaded (server) order, empty cells last in both directions. */
export function sortLeads(leads: readonly Lead[], sort: LocalSort, column: LeadColumnDefinition, ctx: ColumnContext, locale: string): Lead[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Every key read at one instant (the attention column counts days up to now).
  const at: ColumnContext = ctx.nowMs === undefined ? { ...ctx, nowMs: Date.now() } : ctx;
  const keyed = leads.map((lead, index) => ({ lead, index, value: sortKey(column.value(lead, at)) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.index - b.index;
      return a.value === null ? 1 : -1;
    }
    const diff = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
    return diff === 0 ? a.index - b.index : diff * sign;
  });
  return keyed.map((k) => k.lead);
}

/** The first click's direction: A to Z (or the pipeline's order) for words, largest or newest first for amounts and dates. */
export function firstSortDirection(column: LeadColumnDefinition): LocalSort['direction'] {
  return column.sort === 'text' ? 'asc' : 'desc';
}
