// Ids of the entities a loaded page of leads refers to. Queries are keyed by these page-wide id
// sets, so the cells and every expanded panel of one page share one batched request per entity.
import type { Lead } from '../../../kommo/schemas';

export function pageContactIds(leads: readonly Lead[]): number[] {
  const ids = new Set<number>();
  for (const lead of leads) for (const c of lead._embedded.contacts ?? []) ids.add(c.id);
  return [...ids];
}

export function pageCompanyIds(leads: readonly Lead[]): number[] {
  const ids = new Set<number>();
  for (const lead of leads) for (const c of lead._embedded.companies) ids.add(c.id);
  return [...ids];
}

/** Catalog element ids of the page, grouped by catalog (Kommo lists elements per catalog). */
export function pageCatalogElementIds(leads: readonly Lead[]): Map<number, number[]> {
  const byCatalog = new Map<number, Set<number>>();
  for (const lead of leads) {
    for (const e of lead._embedded.catalog_elements ?? []) {
      if (e.catalog_id === null) continue;
      let set = byCatalog.get(e.catalog_id);
      if (!set) byCatalog.set(e.catalog_id, (set = new Set()));
      set.add(e.id);
    }
  }
  return new Map([...byCatalog].map(([catalogId, set]) => [catalogId, [...set]]));
}
