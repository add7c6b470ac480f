// The one place the table's list query is built: the URL's view plus the `with=` values its visible
// columns need. The table, load all, the summary and the export all read it from here, so none of
// them reconstructs it from the query cache or from storage.
import { useMemo } from 'react';
import type { LeadWith, LeadsView } from '../../kommo/leads-query';
import { useLeadsUrlQuery } from '../url-state/use-leads-url-query';
import { useColumnPreferencesSnapshot } from './column-preferences-context';
import { buildFetchQuery } from './fetch-query';
import { visibleWithNeeds } from './lead-column-registry';

export function useLeadsListQuery(): LeadsView {
  const { query } = useLeadsUrlQuery();
  const { visibility } = useColumnPreferencesSnapshot();
  // Keyed by the needs as text: resizing or reordering columns must not yield a new query object.
  const needs = visibleWithNeeds(visibility).join(',');
  return useMemo(() => buildFetchQuery(query, needs ? (needs.split(',') as LeadWith[]) : []), [query, needs]);
}
