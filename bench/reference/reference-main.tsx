// Entry of the reference pages: `?view=mantine&leads=2000` (naive table) or `?view=aggrid&leads=100000`.
// When the rows are on screen it marks <html data-bench-ready> with what it loaded, for the bench.
import '@mantine/core/styles.css';
import { MantineProvider, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AgGridLeads } from './ag-grid-leads';
import { loadReferenceLeads, type LoadedReference } from './load-reference-leads';
import { NaiveMantineTable } from './naive-mantine-table';
import { buildReferenceColumns } from './reference-columns';

type View = 'mantine' | 'aggrid';

const params = new URLSearchParams(window.location.search);
const view: View = params.get('view') === 'aggrid' ? 'aggrid' : 'mantine';
const maxLeads = Number(params.get('leads') ?? 2000);

function markReady(loaded: LoadedReference, loadMs: number) {
  const root = document.documentElement;
  root.dataset.benchLeads = String(loaded.leads.length);
  root.dataset.benchRequests = String(loaded.requests);
  root.dataset.benchLoadMs = String(Math.round(loadMs));
  // One more frame: the rows have been laid out and painted once before the bench starts.
  requestAnimationFrame(() => requestAnimationFrame(() => (root.dataset.benchReady = 'true')));
}

function ReferencePage() {
  const [loaded, setLoaded] = useState<LoadedReference | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [startedAt] = useState(() => performance.now());

  useEffect(() => {
    const controller = new AbortController();
    loadReferenceLeads(maxLeads, controller.signal).then(setLoaded, (e: unknown) => {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    });
    return () => controller.abort();
  }, []);
  useEffect(() => {
    if (error !== null) document.documentElement.dataset.benchError = error;
  }, [error]);

  const columns = useMemo(() => (loaded ? buildReferenceColumns(loaded.data) : []), [loaded]);
  const onRendered = useCallback(() => {
    if (loaded) markReady(loaded, performance.now() - startedAt);
  }, [loaded, startedAt]);

  if (error !== null) return <Text c="red">{error}</Text>;
  if (!loaded) return <Text>Loading {maxLeads} leads…</Text>;
  return view === 'aggrid' ? (
    <AgGridLeads leads={loaded.leads} columns={columns} onRendered={onRendered} />
  ) : (
    <NaiveMantineTable leads={loaded.leads} columns={columns} onRendered={onRendered} />
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <MantineProvider>
    <ReferencePage />
  </MantineProvider>,
);
