// Ids of the entities a loaded page of leads refers to. Queries are keyed by these page-wide id
// sets, so the cells and every expanded panel of one page share one batched request per entity.
import { chainedElement } from '@/kommo/custom-field-value-data';
import type { Lead } from '@/kommo/lead-schema';

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

/**
 * Catalog element ids of the page, grouped by catalog (Kommo lists elements per catalog): the
 * products (unless `products` is false) and the elements chained-list values name.
 */
export function pageCatalogElementIds(leads: readonly Lead[], products = true): Map<number, number[]> {
  const byCatalog = new Map<number, Set<number>>();
  const add = (catalogId: number, id: number) => {
    let set = byCatalog.get(catalogId);
    if (!set) byCatalog.set(catalogId, (set = new Set()));
    set.add(id);
  };
  for (const lead of leads) {
    if (products) for (const e of lead._embedded.catalog_elements ?? []) if (e.catalog_id !== null) add(e.catalog_id, e.id);
    for (const field of lead.custom_fields_values) {
      for (const item of field.values) {
        const chained = chainedElement(item);
        if (chained) add(chained.catalogId, chained.elementId);
      }
    }
  }
  return new Map([...byCatalog].map(([catalogId, set]) => [catalogId, [...set]]));
}
