// What every row, card and cell reads from the table's context, besides the page's entities: the
// names, the words, the language and the account's display settings.
import { useMemo } from 'react';
import { useKommoLeadLink } from '@/lib/bridge/use-kommo-lead-link';
import type { LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import type { LeadReference } from '@/lib/reference-data/lead-reference';
import type { LeadsTableContextValue } from './leads-table-context';
import type { LeadsTableT } from './leads-table-messages';

export type GridContext = Omit<LeadsTableContextValue, 'columns' | 'closePanel' | 'stageAges'>;

export function useGridContext(reference: LeadReference, t: LeadsTableT, columnText: LeadColumnTexts, locale: string): GridContext {
  const kommoLink = useKommoLeadLink();
  return useMemo(
    () => ({
      reference,
      t,
      columnText,
      locale,
      kommoLink,
      display: { locale, timeZone: reference.timeZone, currency: reference.currency, patterns: reference.datePatterns },
    }),
    [reference, t, columnText, locale, kommoLink],
  );
}
