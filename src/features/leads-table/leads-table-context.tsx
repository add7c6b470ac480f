// What every cell needs besides its lead: name lookups, the message function, the Intl locale and
// the contacts/companies fetched for the pages in view. One context so cells stay free of props.
import { createContext, useContext } from 'react';
import type { Company, Contact } from '../../kommo/schemas';
import type { KommoLeadLink } from '../../lib/bridge/use-kommo-lead-link';
import type { LeadReference } from '../../lib/reference/lead-reference';
import type { LeadsTableT } from './leads-table-messages';

export type EntityLookups = {
  contacts: Map<number, Contact>;
  companies: Map<number, Company>;
  /** A query for the pages in view is still running: a name not found yet may still come. */
  contactsPending?: boolean;
  companiesPending?: boolean;
};

export type LeadsTableContextValue = {
  reference: LeadReference;
  t: LeadsTableT;
  locale: string;
  /** Where "open in Kommo" goes (see useKommoLeadLink). */
  kommoLink: KommoLeadLink;
  entities: EntityLookups;
  /** Closes a lead's open panel and puts the keyboard back on the grid, with that lead's row active (Esc in the panel). */
  closePanel: (leadId: number) => void;
};

export const LeadsTableContext = createContext<LeadsTableContextValue | null>(null);

export function useLeadsTableContext(): LeadsTableContextValue {
  const ctx = useContext(LeadsTableContext);
  if (!ctx) throw new Error('useLeadsTableContext must be used inside LeadsTableContext');
  return ctx;
}
