// The one place the table's list query is built: the URL's view plus the `with=` values its visible
// columns need, with the "open leads only" rule resolved to the stages the pipelines reference lists
// now. The table, load all, the summary and the export all read it from here, so none of them
// reconstructs it from the query cache or from storage.
import { useMemo } from 'react';
import type { LeadWith, LeadsView } from '@/kommo/leads-query';
import { resolveOpenStages } from '@/kommo/pipeline-stages';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';
import { useLeadsUrlQuery } from '@/lib/url-state/use-leads-url-query';
import { useColumnPreferencesSnapshot } from './column-preferences-context';
import { buildFetchQuery } from './fetch-query';
import { visibleWithNeeds } from './lead-column-registry';

const PIPELINES = ['pipelines'] as const;
const NO_PARTS = [] as const;

/**
 * The list query. While the pipelines are not in yet, a view with the open-leads rule comes back
 * unresolved (`open` still set): callers wait for it (isListQueryResolved) rather than ask Kommo.
 */
export function useLeadsListQuery(): LeadsView {
  const { query } = useLeadsUrlQuery();
  const { visibility } = useColumnPreferencesSnapshot();
  // Only a view with the open-leads rule asks for the pipelines (the one way to the reference data).
  const pipelines = useReferenceData(query.open !== undefined ? PIPELINES : NO_PARTS).data.pipelines;
  // Keyed by the needs as text: resizing or reordering columns must not yield a new query object.
  const needs = visibleWithNeeds(visibility).join(',');
  return useMemo(() => {
    const view = buildFetchQuery(query, needs ? (needs.split(',') as LeadWith[]) : []);
    return pipelines ? resolveOpenStages(view, pipelines) : view;
  }, [query, needs, pipelines]);
}

/** False while the view's open-leads rule waits for the pipelines: such a query must not be asked. */
export function isListQueryResolved(view: LeadsView): boolean {
  return view.open === undefined;
}
