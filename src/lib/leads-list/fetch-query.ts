// The query actually sent to Kommo: the URL's query (the single source of truth, including
// with=only_deleted) plus the `with=` values the visible columns need, and nothing more.
import { LEAD_WITH_VALUES, type LeadWith, type LeadsView } from '@/kommo/leads-query';

export function withForColumns(urlWith: readonly LeadWith[] | undefined, visibleNeeds: readonly (LeadWith | undefined)[]): LeadWith[] {
  const wanted = new Set<LeadWith>(urlWith ?? []);
  for (const need of visibleNeeds) if (need) wanted.add(need);
  // A fixed order keeps equal sets equal in the query key.
  return LEAD_WITH_VALUES.filter((w) => wanted.has(w));
}

export function buildFetchQuery(urlQuery: LeadsView, visibleNeeds: readonly (LeadWith | undefined)[]): LeadsView {
  const withValues = withForColumns(urlQuery.with, visibleNeeds);
  const { with: _ignored, ...rest } = urlQuery;
  return withValues.length > 0 ? { ...rest, with: withValues } : rest;
}
