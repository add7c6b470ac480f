// "Export CSV" and "Export XLSX": load every lead of the view first when needed (through the load-all
// walk the app passes in), then write the visible columns, in their order, to `leads-<date>.csv` or
// `.xlsx` (typed cells; ExcelJS is fetched only on that click).
import { Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { CustomFieldDefinition } from '@/kommo/custom-field-schema';
import type { Lead } from '@/kommo/lead-schema';
import { useApiErrorText } from '@/lib/api/api-error-messages';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { fetchReferenceData } from '@/lib/reference-data/fetch-reference-data';
import { useKommoLeadLink } from '@/lib/bridge/use-kommo-lead-link';
import { reportExport } from '@/lib/api/report-export';
import { useLanguage, useMessages } from '@/lib/i18n/language-context';
import { exportReach } from '@/kommo/lead-rights';
import { rightsMessages } from '@/lib/rights/rights-messages';
import { useLeadRights } from '@/lib/rights/use-lead-rights';
import { importChunk, useChunkErrorText } from '@/lib/ui/lazy-chunk';
import { exportMessages } from './export-messages';
import { exportableLeads } from './exportable-leads';
import type { ExportFormat } from './export-leads';
import { ExportProgress } from './export-progress';
import type { XlsxProgress } from './xlsx-in-worker';
import { XlsxWorkerError } from './xlsx-worker-error';
import { leadColumnMessages } from '@/lib/leads-list/lead-column-messages';
import { accountTimeZone } from '@/lib/reference-data/account-zone';

// The pipelines say which leads may leave (the export right per stage); the account's zone names the
// file's day; the custom fields name their columns, so the column ids are read only once they are in
// (an export right after opening a view used to write none of them).
const BUTTON_PARTS = ['pipelines', 'account', 'customFields'] as const;

export type ExportCsvButtonProps = {
  /** Every lead of the view; `complete: false` when the walk was stopped (then nothing is written). */
  loadAll: () => Promise<{ leads: Lead[]; complete: boolean }>;
  /** The table's visible column ids in their order, read when the export has the account's custom fields. */
  getColumnIds: (customFields: readonly CustomFieldDefinition[]) => readonly string[];
  /** The view's name (saved or built-in), for the file's name; null for a view of no name. */
  viewName?: string | null;
};

export function ExportCsvButton({ loadAll, getColumnIds, viewName = null }: ExportCsvButtonProps) {
  const { language } = useLanguage();
  const t = useMessages(exportMessages);
  const columnText = useMessages(leadColumnMessages);
  const errorText = useApiErrorText();
  const chunkErrorText = useChunkErrorText();
  const client = useKommoClient();
  const queryClient = useQueryClient();
  const kommoLink = useKommoLeadLink();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tr = useMessages(rightsMessages);
  const { rights, groupOf } = useLeadRights();
  // Kommo's export right: with D nothing may leave, so the buttons say why instead of working.
  const denied = exportReach(rights) === 'none';
  const [leftOut, setLeftOut] = useState(0);
  const [progress, setProgress] = useState<XlsxProgress | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const running = useRef<AbortController | null>(null);

  const handleCancel = () => running.current?.abort();

  const handleExport = async (format: ExportFormat) => {
    const controller = new AbortController();
    running.current = controller;
    const { signal } = controller;
    setBusy(format);
    setError(null);
    setLeftOut(0);
    setProgress(null);
    setCancelled(false);
    try {
      const { leads: visible, complete } = await loadAll();
      if (!complete) return;
      signal.throwIfAborted();
      // The writers (papaparse, ExcelJS and the column formatters) load on the first export, not with the first screen.
      const [{ pipelines, account, customFields }, { downloadBlob, exportFileName, exportLeadsToCsv, csvDialect }] = await Promise.all([
        fetchReferenceData(queryClient, client, BUTTON_PARTS),
        importChunk(() => import('./export-leads')),
      ]);
      const { leads, leftOut: notExportable } = exportableLeads(visible, rights, groupOf, pipelines);
      setLeftOut(notExportable);
      const leadUrl = kommoLink.kind === 'link' ? kommoLink.href : null;
      const blob = await exportLeadsToCsv({
        client,
        queryClient,
        leads,
        columnIds: getColumnIds(customFields),
        columnText,
        signal,
        format,
        sheetName: t('sheetName'),
        leadUrl,
        dialect: csvDialect(language),
        onProgress: setProgress,
      });
      signal.throwIfAborted();
      // The account's zone names the day in the file name, as in the dates inside.
      downloadBlob(blob, exportFileName(new Date(), format, accountTimeZone(account), viewName));
      // A team server's audit log records who exported which view (issue 21); not inside Kommo.
      if (client.transportKind === 'proxy') reportExport({ format, view: window.location.search, leads: leads.length });
    } catch (e) {
      if (signal.aborted) setCancelled(true);
      // A writer (or the walk) that could not be downloaded says so, rather than "something went wrong".
      else setError(chunkErrorText(e) ?? (e instanceof XlsxWorkerError ? t('writerFailed', { message: e.message }) : errorText(e)));
    } finally {
      if (running.current === controller) running.current = null;
      setBusy(null);
      setProgress(null);
    }
  };

  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="light"
        loading={busy === 'csv'}
        disabled={busy === 'xlsx' || denied}
        title={t('exportHint')}
        onClick={() => void handleExport('csv')}
      >
        {t('exportCsv')}
      </Button>
      <Button
        size="xs"
        variant="light"
        loading={busy === 'xlsx'}
        disabled={busy === 'csv' || denied}
        title={t('exportXlsxHint')}
        onClick={() => void handleExport('xlsx')}
      >
        {t('exportXlsx')}
      </Button>
      {denied ? (
        <Text size="xs" c="dimmed" data-testid="export-denied">
          {tr('exportDenied')}
        </Text>
      ) : null}
      {!busy && leftOut > 0 ? (
        <Text size="xs" c="dimmed" role="status" data-testid="export-left-out">
          {tr('exportLeftOut', { count: leftOut })}
        </Text>
      ) : null}
      {busy ? <ExportProgress progress={progress} onCancel={handleCancel} /> : null}
      {!busy && cancelled ? (
        <Text size="xs" c="dimmed" role="status">
          {t('cancelled')}
        </Text>
      ) : null}
      {error ? (
        <Text size="xs" c="red" role="alert">
          {t('exportFailed', { detail: error })}
        </Text>
      ) : null}
    </Group>
  );
}
