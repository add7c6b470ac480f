// Contacts and companies for the loaded pages currently in view, so the "main contact" and
// "company" cells show names. One batched query per page and entity (shared with the panel).
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { entityQueries } from '../../../lib/api/entity-queries';
import { useKommoClient } from '../../../lib/api/kommo-client-context';
import type { Company, Contact, Lead } from '../../../kommo/schemas';
import type { EntityLookups } from '../leads-table-context';
import { pageCompanyIds, pageContactIds } from './page-entity-ids';

type Lookup<T> = { map: Map<number, T>; pending: boolean };

function toMap<T extends { id: number }>(results: UseQueryResult<T[]>[]): Lookup<T> {
  const map = new Map<number, T>();
  for (const r of results) for (const item of r.data ?? []) map.set(item.id, item);
  return { map, pending: results.some((r) => r.isPending) };
}
const combineContacts = (results: UseQueryResult<Contact[]>[]) => toMap(results);
const combineCompanies = (results: UseQueryResult<Company[]>[]) => toMap(results);

export function usePageEntities(pagesInView: readonly (readonly Lead[])[], needContacts: boolean, needCompanies: boolean): EntityLookups {
  const client = useKommoClient();
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
  const contacts = useQueries({ queries: contactQueries, combine: combineContacts });
  const companies = useQueries({ queries: companyQueries, combine: combineCompanies });
  return useMemo(
    () => ({ contacts: contacts.map, companies: companies.map, contactsPending: contacts.pending, companiesPending: companies.pending }),
    [contacts, companies],
  );
}
