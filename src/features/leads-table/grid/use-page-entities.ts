// Contacts, companies and catalog elements for the loaded pages currently in view, so the "main
// contact", "company", products and chained-list cells show names. One batched query per page,
// entity and catalog (shared with the panel).
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { entityQueries } from '@/lib/entities/entity-queries';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import type { CatalogElement } from '@/kommo/catalog-schema';
import type { Company, Contact } from '@/kommo/contact-schema';
import type { Lead } from '@/kommo/lead-schema';
import { catalogElementKey, type ColumnEntities } from '@/lib/leads-list/column-context';
import { pageCatalogElementIds, pageCompanyIds, pageContactIds } from './page-entity-ids';

type Lookup<K, T> = { map: Map<K, T>; pending: boolean };

function toMap<T extends { id: number }>(results: UseQueryResult<T[]>[]): Lookup<number, T> {
  const map = new Map<number, T>();
  for (const r of results) for (const item of r.data ?? []) map.set(item.id, item);
  return { map, pending: results.some((r) => r.isPending) };
}
const combineContacts = (results: UseQueryResult<Contact[]>[]) => toMap(results);
const combineCompanies = (results: UseQueryResult<Company[]>[]) => toMap(results);
const combineElements = (results: UseQueryResult<CatalogElement[]>[]): Lookup<string, CatalogElement> => {
  const map = new Map<string, CatalogElement>();
  for (const r of results) for (const e of r.data ?? []) map.set(catalogElementKey(e.catalog_id, e.id), e);
  return { map, pending: results.some((r) => r.isPending) };
};

export type PageEntityNeeds = { contacts: boolean; companies: boolean; products: boolean };

export function usePageEntities(pagesInView: readonly (readonly Lead[])[], needs: PageEntityNeeds): ColumnEntities {
  const client = useKommoClient();
  const { contacts: needContacts, companies: needCompanies, products: needProducts } = needs;
  const contactIds = useMemo(
    () => (needContacts ? pagesInView.map(pageContactIds).filter((ids) => ids.length > 0) : []),
    [pagesInView, needContacts],
  );
  const companyIds = useMemo(
    () => (needCompanies ? pagesInView.map(pageCompanyIds).filter((ids) => ids.length > 0) : []),
    [pagesInView, needCompanies],
  );
  // The body re-renders on every scrolled frame: the query lists keep their identity until the pages in view change.
  const contactQueries = useMemo(() => contactIds.map((ids) => entityQueries.contacts(client, ids)), [client, contactIds]);
  const companyQueries = useMemo(() => companyIds.map((ids) => entityQueries.companies(client, ids)), [client, companyIds]);
  const elementQueries = useMemo(
    () =>
      pagesInView.flatMap((page) =>
        [...pageCatalogElementIds(page, needProducts)].map(([catalogId, ids]) => entityQueries.catalogElements(client, catalogId, ids)),
      ),
    [client, pagesInView, needProducts],
  );
  const contacts = useQueries({ queries: contactQueries, combine: combineContacts });
  const companies = useQueries({ queries: companyQueries, combine: combineCompanies });
  const elements = useQueries({ queries: elementQueries, combine: combineElements });
  return useMemo(() => {
    const pending = new Set<'contacts' | 'companies' | 'catalogElements'>();
    if (contacts.pending) pending.add('contacts');
    if (companies.pending) pending.add('companies');
    if (elements.pending) pending.add('catalogElements');
    return { contacts: contacts.map, companies: companies.map, catalogElements: elements.map, pending };
  }, [contacts, companies, elements]);
}
