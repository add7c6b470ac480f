// What every cell needs besides its lead: name lookups, the message function, the Intl locale and
// the contacts/companies fetched for the pages in view. One context so cells stay free of props.
import { createContext, useContext } from 'react';
import type { Company, Contact } from '../../kommo/schemas';
import type { LeadReference } from '../../lib/reference/lead-reference';
import type { LeadsTableT } from './leads-table-messages';

export type EntityLookups = { contacts: Map<number, Contact>; companies: Map<number, Company> };

export type LeadsTableContextValue = {
  reference: LeadReference;
  t: LeadsTableT;
  locale: string;
  entities: EntityLookups;
};

export const LeadsTableContext = createContext<LeadsTableContextValue | null>(null);

export function useLeadsTableContext(): LeadsTableContextValue {
  const ctx = useContext(LeadsTableContext);
  if (!ctx) throw new Error('useLeadsTableContext must be used inside LeadsTableContext');
  return ctx;
}
