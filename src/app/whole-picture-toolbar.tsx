// Composes the three "whole picture" features above the table: load all, the summary drawer and
// the CSV export. Features do not import each other, so the app hands them what they share: the
// table's list query (from the one hook that builds it) and its visible columns in order.
import { Group } from '@mantine/core';
import { useCallback } from 'react';
import { LoadAllControl } from '@/features/load-all/load-all-control';
import { useLoadAll } from '@/features/load-all/use-load-all';
import { SummaryButton } from '@/features/summary/summary-button';
import { useCurrentViewName } from '@/features/saved-views/use-current-view-name';
import type { CustomFieldDefinition } from '@/kommo/custom-field-schema';
import { useColumnPreferencesStore } from '@/lib/leads-list/column-preferences-context';
import { useLeadsListQuery } from '@/lib/leads-list/use-leads-list-query';
import { visibleColumnIds } from '@/lib/leads-list/visible-column-ids';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';

// The export buttons (their words, the rights check, the writers' loader) are a chunk: the first rows never wait for them.
const exportButtons = lazyChunk(() => import('@/features/export/export-csv-button').then((m) => m.ExportCsvButton));

export function WholePictureToolbar() {
  const listQuery = useLeadsListQuery();
  const columnPreferences = useColumnPreferencesStore();
  const loadAll = useLoadAll(listQuery);
  const viewName = useCurrentViewName();
  // Read when the export has the account's custom fields: the choices as they are now.
  const getColumnIds = useCallback(
    (customFields: readonly CustomFieldDefinition[]) => visibleColumnIds(columnPreferences.getSnapshot(), customFields),
    [columnPreferences],
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
