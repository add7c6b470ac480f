// What a refresh really has to write. It reads again every lead changed since its anchor less
// REFRESH_OVERLAP_SECONDS (equal timestamps, changes Kommo reports late), so most of what it reads is
// already in the copy as it is: the demo's newest lead on every refresh, 61 of 136 in the bench's.
// Writing those again cost IndexedDB writes, a new copy version (every open view read again) and an
// "updated" count that said more leads changed than had. A lead is kept when anything in it differs
// from the stored one, not only its updated_at: two changes in one second share an updated_at, and
// a copy that drifted (a bad write) is repaired by the next refresh that reads the lead.
import type { Lead } from '@/kommo/lead-schema';
import type { LocalViewSlice } from './local-leads-index';

export type StoredLeadsReader = (
  query: { filter: { id: number[] }; order: { field: 'id'; direction: 'asc' } },
  offset: number,
  size: number,
) => Promise<LocalViewSlice>;

/** Equal as data: the same keys with defined values (the store's copy is a structured clone of the read lead). */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  const defined = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined);
  const left = defined(a);
  const right = new Map(defined(b));
  return left.length === right.size && left.every(([key, value]) => right.has(key) && sameData(value, right.get(key)));
}

/** The leads read from Kommo that are missing from the copy or differ from what it holds, in their order. */
export async function leadsChangedInCopy(read: readonly Lead[], stored: StoredLeadsReader): Promise<Lead[]> {
  if (read.length === 0) return [];
  const ids = read.map((l) => l.id);
  const slice = await stored({ filter: { id: ids }, order: { field: 'id', direction: 'asc' } }, 0, ids.length);
  const held = new Map(slice.leads.map((l) => [l.id, l]));
  return read.filter((lead) => !sameData(lead, held.get(lead.id)));
}
