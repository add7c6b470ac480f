// What every cell needs besides its lead: name lookups, the message functions, the Intl formats and
// the column definitions' context (reference data, the entities of the pages in view). One context
// so cells stay free of props.
import { createContext, useContext } from 'react';
import type { KommoLeadLink } from '@/lib/bridge/use-kommo-lead-link';
import type { ColumnContext } from '@/lib/leads-list/column-context';
import type { DisplayFormat } from '@/lib/leads-list/column-value';
import type { LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import type { LeadReference } from '@/lib/reference-data/lead-reference';
import type { LeadsTableT } from './leads-table-messages';
import type { StageAgeLabels } from './stage-age/stage-age-label';

export type LeadsTableContextValue = {
  reference: LeadReference;
  t: LeadsTableT;
  /** The columns' own words (headers, yes/no, "User 12"), shared with the files. */
  columnText: LeadColumnTexts;
  locale: string;
  /** Where "open in Kommo" goes (see useKommoLeadLink). */
  kommoLink: KommoLeadLink;
  /** What the column definitions read: the reference, the words and the entities of the pages in view. */
  columns: ColumnContext;
  display: DisplayFormat;
  /** Closes a lead's open panel and puts the keyboard back on the grid, with that lead's row active (Esc in the panel). */
  closePanel: (leadId: number) => void;
  /** How long each lead on screen is in its stage (the attention column only; undefined when not asked). */
  stageAges?: StageAgeLabels | undefined;
};

export const LeadsTableContext = createContext<LeadsTableContextValue | null>(null);

export function useLeadsTableContext(): LeadsTableContextValue {
  const ctx = useContext(LeadsTableContext);
  if (!ctx) throw new Error('useLeadsTableContext must be used inside LeadsTableContext');
  return ctx;
}
