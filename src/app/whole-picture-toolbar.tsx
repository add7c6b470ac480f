// Composes the three "whole picture" features above the table: load all, the summary drawer and
// the CSV export. Features do not import each other, so the app hands them what they share: the
// table's current list query (found live in the query cache) and its visible columns in order.
import { Group } from '@mantine/core';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { LeadsView } from '../kommo/leads-query';
import type { CustomFieldDefinition } from '../kommo/schemas';
import { ExportCsvButton } from '../features/export/export-csv-button';
import { loadPreferences } from '../features/leads-table/column-preferences';
import { BASE_COLUMNS, customFieldColumnId, DEFAULT_HIDDEN_COLUMNS, defaultCustomFieldVisibility, EXPAND_COLUMN_ID } from '../features/leads-table/leads-columns';
import { LoadAllControl } from '../features/load-all/load-all-control';
import { useLoadAll } from '../features/load-all/use-load-all';
import { SummaryButton } from '../features/summary/summary-button';
import { useKommoClient } from '../lib/api/kommo-client-context';
import { leadQueries } from '../lib/api/lead-queries';
import { referenceQueries } from '../lib/api/reference-queries';
import { useLeadsUrlQuery } from '../lib/url-state/use-leads-url-query';
import { sameView } from '../lib/url-state/leads-url-codec';

/**
 * The query the table is showing: the URL's view plus the `with=` its visible columns need. The
 * table owns that choice; its infinite query is the active leads list whose view matches the URL.
 */
function findTableListQuery(queryClient: QueryClient, urlQuery: LeadsView): LeadsView | null {
  const { with: _urlWith, ...urlView } = urlQuery;
  const candidates = queryClient
    .getQueryCache()
    .findAll({ queryKey: leadQueries.lists(), type: 'active' })
    .map((q) => q.queryKey[3] as LeadsView | undefined)
    .filter((q): q is LeadsView => q !== undefined)
    .filter((q) => {
      const { with: _with, ...view } = q;
      return sameView(view, urlView) && (urlQuery.with ?? []).every((w) => q.with?.includes(w));
    });
  // The table's query asks for the most `with=` values (a reader of the cache never adds any).
  return candidates.sort((a, b) => (b.with?.length ?? 0) - (a.with?.length ?? 0))[0] ?? null;
}

function useTableListQuery(): LeadsView {
  const queryClient = useQueryClient();
  const { query: urlQuery } = useLeadsUrlQuery();
  const subscribe = useCallback((onChange: () => void) => queryClient.getQueryCache().subscribe(onChange), [queryClient]);
  // Compared as text so an equal query found again does not re-render the toolbar.
  const snapshot = useSyncExternalStore(subscribe, () => JSON.stringify(findTableListQuery(queryClient, urlQuery) ?? urlQuery));
  return parseQueryStable(snapshot);
}

const parsedCache = new Map<string, LeadsView>();
function parseQueryStable(text: string): LeadsView {
  let hit = parsedCache.get(text);
  if (!hit) {
    hit = JSON.parse(text) as LeadsView;
    if (parsedCache.size > 32) parsedCache.clear();
    parsedCache.set(text, hit);
  }
  return hit;
}

/** The table's visible columns in its order: pinned name first, then the saved order, then the rest. */
function visibleColumnIds(customFields: readonly CustomFieldDefinition[]): string[] {
  const prefs = loadPreferences(DEFAULT_HIDDEN_COLUMNS);
  const fields = [...customFields].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.id - b.id);
  const all = [...BASE_COLUMNS.map((c) => c.id ?? ''), ...fields.map((f) => customFieldColumnId(f.id))].filter((id) => id && id !== EXPAND_COLUMN_ID);
  const visibility = { ...defaultCustomFieldVisibility(fields), ...prefs.visibility };
  const ordered = [...prefs.order.filter((id) => all.includes(id)), ...all.filter((id) => !prefs.order.includes(id))];
  const rest = ordered.filter((id) => id !== 'name');
  return ['name', ...rest].filter((id) => visibility[id] !== false);
}

export function WholePictureToolbar() {
  const client = useKommoClient();
  const queryClient = useQueryClient();
  const listQuery = useTableListQuery();
  const loadAll = useLoadAll(listQuery);
  const getColumnIds = useCallback(
    () => visibleColumnIds(queryClient.getQueryData(referenceQueries.customFields(client).queryKey) ?? []),
    [queryClient, client],
  );
  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <LoadAllControl handle={loadAll} />
      <SummaryButton listQuery={listQuery} />
      <ExportCsvButton loadAll={loadAll.start} getColumnIds={getColumnIds} />
    </Group>
  );
}
