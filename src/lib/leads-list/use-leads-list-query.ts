// The one place the table's list query is built: the URL's view plus the `with=` values its visible
// columns need, with the "open leads only" rule resolved to the stages the pipelines reference lists
// now. The table, load all, the summary and the export all read it from here, so none of them
// reconstructs it from the query cache or from storage.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { LeadWith, LeadsView } from '@/kommo/leads-query';
import { resolveOpenStages } from '@/kommo/pipeline-stages';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { referenceQueries } from '@/lib/reference-data/reference-queries';
import { useLeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import { useColumnPreferencesSnapshot } from './column-preferences-context';
import { buildFetchQuery } from './fetch-query';
import { visibleWithNeeds } from './lead-column-registry';

/**
 * The list query. While the pipelines are not in yet, a view with the open-leads rule comes back
 * unresolved (`open` still set): callers wait for it (isListQueryResolved) rather than ask Kommo.
 */
export function useLeadsListQuery(): LeadsView {
  const { query } = useLeadsUrlQuery();
  const { visibility } = useColumnPreferencesSnapshot();
  const client = useKommoClient();
  const pipelines = useQuery({ ...referenceQueries.pipelines(client), enabled: query.open !== undefined });
  // Keyed by the needs as text: resizing or reordering columns must not yield a new query object.
  const needs = visibleWithNeeds(visibility).join(',');
  return useMemo(() => {
    const view = buildFetchQuery(query, needs ? (needs.split(',') as LeadWith[]) : []);
    return pipelines.data ? resolveOpenStages(view, pipelines.data) : view;
  }, [query, needs, pipelines.data]);
}

/** False while the view's open-leads rule waits for the pipelines: such a query must not be asked. */
export function isListQueryResolved(view: LeadsView): boolean {
  return view.open === undefined;
}
