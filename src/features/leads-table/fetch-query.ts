// The query actually sent to Kommo: the URL's query (the single source of truth, including
// with=only_deleted) plus the `with=` values the visible columns need, and nothing more.
import { LEAD_WITH_VALUES, type LeadWith, type LeadsQuery } from '../../kommo/leads-query';

export function withForColumns(urlWith: readonly LeadWith[] | undefined, visibleNeeds: readonly (LeadWith | undefined)[]): LeadWith[] {
  const wanted = new Set<LeadWith>(urlWith ?? []);
  for (const need of visibleNeeds) if (need) wanted.add(need);
  // A fixed order keeps equal sets equal in the query key.
  return LEAD_WITH_VALUES.filter((w) => wanted.has(w));
}

export function buildFetchQuery(urlQuery: LeadsQuery, visibleNeeds: readonly (LeadWith | undefined)[]): LeadsQuery {
  const withValues = withForColumns(urlQuery.with, visibleNeeds);
  const { with: _ignored, page: _page, ...rest } = urlQuery;
  return withValues.length > 0 ? { ...rest, with: withValues } : rest;
}
