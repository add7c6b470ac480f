// Tests' table context: the reference, English words and the entities given, as the body builds it.
import type { ReactNode } from 'react';
import { formatMessage } from '@/lib/i18n/define-messages';
import { NO_ENTITIES, type ColumnEntities } from '@/lib/leads-list/column-context';
import { leadColumnMessages, type LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import type { LeadReference } from '@/lib/reference-data/lead-reference';
import { LeadsTableContext, type LeadsTableContextValue } from './leads-table-context';
import { leadsTableMessages, type LeadsTableT } from './leads-table-messages';

export const testT: LeadsTableT = (key, values) => formatMessage(leadsTableMessages.en[key], values, 'en-US');
export const testColumnText: LeadColumnTexts = (key, values) => formatMessage(leadColumnMessages.en[key], values, 'en-US');

export function testTableContext(
  reference: LeadReference,
  options: { locale?: string; entities?: ColumnEntities; kommoLink?: LeadsTableContextValue['kommoLink'] } = {},
): LeadsTableContextValue {
  const locale = options.locale ?? 'en-US';
  return {
    reference,
    t: testT,
    columnText: testColumnText,
    locale,
    kommoLink: options.kommoLink ?? { kind: 'demo' },
    columns: { ref: reference, entities: options.entities ?? NO_ENTITIES, text: testColumnText },
    display: { locale, timeZone: reference.timeZone, currency: reference.currency },
    closePanel: () => undefined,
  };
}

export function TestTableContext({ value, children }: { value: LeadsTableContextValue; children: ReactNode }) {
  return <LeadsTableContext.Provider value={value}>{children}</LeadsTableContext.Provider>;
}
