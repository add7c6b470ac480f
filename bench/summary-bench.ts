// Summary benchmark: the totals of 100,000 demo leads, computed the way the app does it (in time
// slices yielding to the event loop). Reports the longest task (the longest slice between yields)
// against the 50 ms long-task threshold, next to the one-pass time that chunking avoids; and the
// same for the CSV export of those leads. Leads come from the demo account's own generator and
// wire format, parsed with the app's schema, so the data is what the browser would hold.
// Run: `tsx bench/summary-bench.ts` (env: BENCH_SUMMARY_LEADS, BENCH_RUNS).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LeadWith } from '../src/kommo/leads-query';
import { customFieldDefinitionSchema } from '../src/kommo/custom-field-schema';
import { leadSchema, type Lead } from '../src/kommo/lead-schema';
import { pipelineSchema } from '../src/kommo/pipeline-schema';
import { userSchema } from '../src/kommo/user-schema';
import { createDemoData } from '../src/server/demo/demo-data';
import { createLeadWireLookups, leadToWire } from '../src/server/demo/lead-wire';
import { computeSummary, computeSummaryChunked, type SummaryReferences } from '../src/features/summary/compute-summary';
import { buildExportColumns } from '../src/features/export/lead-export-columns';
import { formatMessage } from '../src/lib/i18n/define-messages';
import { leadColumnMessages } from '../src/lib/leads-list/lead-column-messages';
import { LEAD_COLUMNS } from '../src/lib/leads-list/lead-column-registry';
import { leadsToCsvBlob } from '../src/features/export/leads-to-csv';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LEADS = Number(process.env.BENCH_SUMMARY_LEADS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LONG_TASK_MS = 50;
const WITHS: ReadonlySet<LeadWith> = new Set(['contacts', 'loss_reason', 'catalog_elements']);

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Times every stretch of work between two yields: that stretch is one task on the event loop.
 * Wall time counts moments when the OS ran other processes; CPU time (process.cpuUsage) does not,
 * so on a busy machine the CPU figure is what the same task costs on an idle one.
 */
function taskTimer() {
  const tasks: number[] = [];
  const cpuTasks: number[] = [];
  let since = performance.now();
  let cpuSince = process.cpuUsage();
  const mark = () => {
    tasks.push(performance.now() - since);
    const cpu = process.cpuUsage(cpuSince);
    cpuTasks.push((cpu.user + cpu.system) / 1000);
  };
  return {
    tasks,
    cpuTasks,
    yieldToEventLoop: async () => {
      mark();
      await macrotask();
      since = performance.now();
      cpuSince = process.cpuUsage();
    },
    end: mark,
  };
}

async function main() {
  const t0 = performance.now();
  const data = createDemoData({ leads: LEADS });
  const lookups = createLeadWireLookups(data);
  const leads: Lead[] = data.leads.map((l) => {
    const wire = leadToWire(data, lookups, l, WITHS);
    return leadSchema.parse({ ...wire, custom_fields_values: data.leadCustomFields(l) });
  });
  const refs: SummaryReferences = {
    pipelines: data.pipelines.map((p) => pipelineSchema.parse(p)),
    users: data.users.map((u) => userSchema.parse(u)),
    lossReasons: data.lossReasons.map((r) => ({ id: r.id, name: r.name })),
  };
  const prepareMs = performance.now() - t0;

  const onePass: number[] = [];
  const chunkedTotal: number[] = [];
  const longestSlice: number[] = [];
  const longestSliceCpu: number[] = [];
  const slices: number[] = [];
  let reference = computeSummary(leads, refs);
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    reference = computeSummary(leads, refs);
    onePass.push(performance.now() - t);

    const timer = taskTimer();
    t = performance.now();
    const summary = await computeSummaryChunked(leads, refs, { yieldToEventLoop: timer.yieldToEventLoop });
    timer.end();
    chunkedTotal.push(performance.now() - t);
    longestSlice.push(Math.max(...timer.tasks));
    longestSliceCpu.push(Math.max(...timer.cpuTasks));
    slices.push(timer.tasks.length);
    if (summary.count !== reference.count || summary.sum !== reference.sum) throw new Error('chunked summary differs from the one-pass summary');
  }

  // The export of the same leads with every column, as the CSV button builds it.
  const columnText = (key: keyof (typeof leadColumnMessages)['en'], values?: Record<string, string | number>) =>
    formatMessage(leadColumnMessages.en[key], values, 'en');
  const customFields = data.leadCustomFieldDefinitions.map((f) => customFieldDefinitionSchema.parse(f));
  const columns = buildExportColumns(
    [...LEAD_COLUMNS.map((c) => c.id), ...customFields.map((f) => `cf_${f.id}`)],
    {
      timeZone: data.datetimeSettings.timezone ?? 'UTC',
      pipelines: refs.pipelines,
      users: refs.users,
      groups: data.groups.map((g) => ({ id: g.id, name: g.name })),
      lossReasons: refs.lossReasons,
      customFields,
      catalogs: [],
      sources: [],
      contacts: new Map(),
      companies: new Map(),
      catalogElements: new Map(),
    },
    columnText,
  );
  const csvTimer = taskTimer();
  const t = performance.now();
  const blob = await leadsToCsvBlob(leads, columns, { yieldToEventLoop: csvTimer.yieldToEventLoop });
  csvTimer.end();
  const csvTotalMs = performance.now() - t;
  const csvBytes = blob.size;

  const report = {
    name: 'summary',
    date: new Date().toISOString(),
    node: process.version,
    leads: LEADS,
    runs: RUNS,
    prepareMs: Math.round(prepareMs),
    // Other processes share this machine's CPUs: wall-time figures grow with the load.
    loadAverage1m: round(loadavg()[0] ?? 0),
    cpus: cpus().length,
    summary: {
      count: reference.count,
      sum: reference.sum,
      stages: reference.byStage.length,
      users: reference.byUser.length,
      onePassMedianMs: round(median(onePass)),
      chunkedTotalMedianMs: round(median(chunkedTotal)),
      slicesPerRun: median(slices),
      longestTaskMs: round(Math.max(...longestSlice)),
      longestTaskCpuMs: round(Math.max(...longestSliceCpu)),
      longTasksOver50ms: longestSlice.filter((ms) => ms > LONG_TASK_MS).length,
    },
    csv: {
      columns: columns.length,
      bytes: csvBytes,
      totalMs: Math.round(csvTotalMs),
      slices: csvTimer.tasks.length,
      longestTaskMs: round(Math.max(...csvTimer.tasks)),
      longestTaskCpuMs: round(Math.max(...csvTimer.cpuTasks)),
      longTasksOver50ms: csvTimer.tasks.filter((ms) => ms > LONG_TASK_MS).length,
    },
    target: { longestTaskMs: LONG_TASK_MS },
    pass: Math.max(...longestSlice) <= LONG_TASK_MS && Math.max(...csvTimer.tasks) <= LONG_TASK_MS,
  };
  const text = JSON.stringify(report, null, 2);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/summary.json'), `${text}\n`);
  console.log(text);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
