// Composes the three "whole picture" features above the table: load all, the summary drawer and
// the CSV export. Features do not import each other, so the app hands them what they share: the
// table's list query (from the one hook that builds it) and its visible columns in order.
import { Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { LoadAllControl } from '@/features/load-all/load-all-control';
import { useLoadAll } from '@/features/load-all/use-load-all';
import { SummaryButton } from '@/features/summary/summary-button';
import { useCurrentViewName } from '@/features/saved-views/use-current-view-name';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { referenceQueries } from '@/lib/reference-data/reference-queries';
import { useColumnPreferencesStore } from '@/lib/leads-list/column-preferences-context';
import { useLeadsListQuery } from '@/lib/leads-list/use-leads-list-query';
import { visibleColumnIds } from '@/lib/leads-list/visible-column-ids';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';

// The export buttons (their words, the rights check, the writers' loader) are a chunk: the first rows never wait for them.
const exportButtons = lazyChunk(() => import('@/features/export/export-csv-button').then((m) => m.ExportCsvButton));

export function WholePictureToolbar() {
  const client = useKommoClient();
  const queryClient = useQueryClient();
  const listQuery = useLeadsListQuery();
  const columnPreferences = useColumnPreferencesStore();
  const loadAll = useLoadAll(listQuery);
  const viewName = useCurrentViewName();
  // Read when the export starts: the choices as they are now, custom fields as the table has them.
  const getColumnIds = useCallback(
    () => visibleColumnIds(columnPreferences.getSnapshot(), queryClient.getQueryData(referenceQueries.customFields(client).queryKey) ?? []),
    [columnPreferences, queryClient, client],
  );
  return (
    <Group gap={6} align="flex-start" wrap="wrap">
      <LoadAllControl handle={loadAll} />
      <SummaryButton listQuery={listQuery} />
      <ChunkBoundary compact>
        <exportButtons.Component loadAll={loadAll.start} getColumnIds={getColumnIds} viewName={viewName} />
      </ChunkBoundary>
    </Group>
  );
}
