// A/B scroll bench for work on the table's frame time: the scroll part of `npm run bench` only, for
// one or more production builds side by side in one browser, runs interleaved (A, B, A, B...) so a
// shared, noisy machine loads every variant alike. Also reads Chrome's own counters for each run
// (script, style, layout time) so a change can be told apart from noise, and where the rest goes.
//
//   npx tsx bench/scroll-ab.ts --dist base=/tmp/x-a --dist try=/tmp/x-b [--leads 20000] [--runs 3] [--port 4723] [--aggrid]
//
// Each build needs the app only (no bench-reference), except with --aggrid: then AG Grid, from the
// first build's bench-reference/ (as `npm run bench` builds it), is one more variant in the rotation,
// the yardstick of issue 15's scroll target. Prints one line per run and the medians.
import { chromium, type Browser, type Page } from '@playwright/test';
import { uncappedChromiumLaunch } from './bench-chromium';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { leadsTableMessages } from '../src/features/leads-table/leads-table-messages';
import { startBenchServer, type BenchServer } from './bench-server';
import { round, scrollFigures, type ScrollFigures } from './bench-stats';
import { AG_GRID_SCROLL_SELECTOR, APP_SCROLL_SELECTOR, APP_STATUS_SELECTOR, scrollRunScript, type ScrollRunResult } from './page-scripts';

const REFERENCE_PATH = '/bench-reference/index.html';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCROLL = { frames: 600, step: 100, maxMs: 60_000 };
const LOAD_TIMEOUT_MS = 420_000;
const SERVER_START_MS = 120_000;
const COUNTERS = ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskDuration', 'ThreadTime', 'ProcessTime'] as const;

type Variant = { name: string; dist: string; server?: BenchServer; page?: Page; selector: string; reference?: boolean };
type Run = { variant: string; figures: ScrollFigures; counters: Record<(typeof COUNTERS)[number], number> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

async function loadAll(page: Page, leads: number): Promise<void> {
  const allText = leadsTableMessages.en.statusAll;
  const loadAllButton = page.getByRole('button', { name: 'Load all', exact: true }).first();
  const found = await loadAllButton
    .waitFor({ state: 'visible', timeout: 30_000 })
    .then(() => true)
    .catch(() => false);
  if (found) await loadAllButton.click();
  const goOn = page.getByRole('button', { name: 'Load the rest', exact: true });
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const status = (await page.evaluate(`(() => {
      const el = document.querySelector(${JSON.stringify(APP_SCROLL_SELECTOR)});
      if (el && ${JSON.stringify(!found)}) el.scrollTop = el.scrollHeight;
      return document.querySelector(${JSON.stringify(APP_STATUS_SELECTOR)})?.textContent ?? '';
    })()`)) as string;
    if (status.includes(allText)) return;
    if (found && (await goOn.count()) > 0) await goOn.first().click({ timeout: 5000 });
    await sleep(200);
  }
  throw new Error(`not all ${leads} leads loaded within ${LOAD_TIMEOUT_MS} ms`);
}

async function scrollOnce(page: Page, name: string, selector: string): Promise<Run> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value])) as Record<string, number>;
  };
  const before = await read();
  const run = (await page.evaluate(scrollRunScript({ selector, ...SCROLL }))) as ScrollRunResult;
  const after = await read();
  await cdp.detach();
  if (run.error) throw new Error(run.error);
  const counters = Object.fromEntries(COUNTERS.map((c) => [c, round(((after[c] ?? 0) - (before[c] ?? 0)) * 1000)])) as Run['counters'];
  return {
    variant: name,
    figures: scrollFigures(run.frameMs, run.longTasks, run.scrollTopEnd - run.scrollTopStart, run.totalMs, run.complete),
    counters,
  };
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'viz', 'toplevel'];
type TraceEvent = { name: string; ph: string; dur?: number; tdur?: number; pid: number; tid: number; ts: number; args?: { name?: string } };

/** Time by event name on each renderer thread (nested events included, so the figures overlap by design). */
function traceSummary(name: string, buffer: Buffer): string {
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map<string, Map<string, { wall: number; cpu: number; n: number }>>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const thread = threadNames.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    if (!/CrRendererMain|Compositor|Raster|Viz|CrGpuMain|VizCompositor|TileWorker/i.test(thread)) continue;
    const names = byThread.get(thread) ?? new Map();
    byThread.set(thread, names);
    const entry = names.get(e.name) ?? { wall: 0, cpu: 0, n: 0 };
    entry.wall += e.dur / 1000;
    entry.cpu += (e.tdur ?? 0) / 1000;
    entry.n += 1;
    names.set(e.name, entry);
  }
  const out = [`trace ${name}:`];
  // The pipeline's phases by thread CPU time (ms over the whole scroll), the same names in every
  // variant, so two builds' phases can be compared side by side.
  const phase = (thread: RegExp, event: string) => {
    let cpu = 0;
    for (const [t, names] of byThread) if (thread.test(t)) cpu += names.get(event)?.cpu ?? 0;
    return `${event.replace(/^.*::/, '')} ${Math.round(cpu)}`;
  };
  out.push(
    '  phases (cpu ms): ' +
      [
        phase(/CrRendererMain/, 'EventDispatch'),
        phase(/CrRendererMain/, 'UpdateLayoutTree'),
        phase(/CrRendererMain/, 'LocalFrameView::layout'),
        phase(/CrRendererMain/, 'LocalFrameView::RunPaintLifecyclePhase'),
        phase(/CrRendererMain/, 'Layerize'),
        phase(/CrRendererMain/, 'ProxyMain::BeginMainFrame'),
        phase(/^Compositor$/, 'ProxyImpl::ScheduledActionDraw'),
        phase(/TileWorker|Raster/, 'RasterTask'),
        phase(/TileWorker|Raster/, 'TaskGraphRunner::RunTask'),
        phase(/VizCompositor/, 'Display::DrawAndSwap'),
      ].join(', '),
  );
  // Each main-thread task over 50 ms, with the longest events inside it: what a long task was made of.
  const main = events.filter((e) => e.ph === 'X' && e.dur !== undefined && /CrRendererMain/.test(threadNames.get(`${e.pid}:${e.tid}`) ?? ''));
  for (const task of main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 50_000)) {
    const end = task.ts + (task.dur ?? 0);
    const inside = main
      .filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && !/RunTask/.test(e.name))
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 8);
    out.push(`  long task ${Math.round((task.dur ?? 0) / 1000)} ms: ` + inside.map((e) => `${e.name} ${Math.round((e.dur ?? 0) / 1000)}`).join('; '));
  }
  for (const [thread, names] of byThread) {
    const top = [...names.entries()].sort((a, b) => b[1].wall - a[1].wall).slice(0, 22);
    out.push(`  ${thread}: ` + top.map(([n, v]) => `${n} ${Math.round(v.wall)}/${Math.round(v.cpu)}ms x${v.n}`).join('; '));
  }
  return out.join('\n');
}

function line(run: Run): string {
  const f = run.figures;
  const c = run.counters;
  return `${run.variant.padEnd(12)} p50 ${String(f.p50FrameMs).padEnd(6)} p95 ${String(f.p95FrameMs).padEnd(6)} max ${String(f.maxFrameMs).padEnd(6)} >16.7 ${String(f.framesOver16_7Ms).padEnd(4)} long ${String(f.longTasks).padEnd(3)} TBT ${String(f.totalBlockingTimeMs).padEnd(6)} total ${String(f.durationMs).padEnd(6)} | script ${c.ScriptDuration} style ${c.RecalcStyleDuration} layout ${c.LayoutDuration} tasks ${c.TaskDuration} cpu main ${c.ThreadTime} renderer ${c.ProcessTime} ms${f.complete ? '' : ' (cut)'}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', multiple: true },
      leads: { type: 'string', default: '20000' },
      runs: { type: 'string', default: '3' },
      port: { type: 'string', default: '4723' },
      trace: { type: 'boolean', default: false },
      aggrid: { type: 'boolean', default: false },
    },
  });
  const variants: Variant[] = (values.dist ?? []).map((spec) => {
    const [name, dist] = spec.includes('=') ? [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)] : [spec, spec];
    if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing`);
    return { name, dist, selector: APP_SCROLL_SELECTOR };
  });
  if (variants.length === 0) throw new Error('give at least one --dist name=/path/to/build');
  if (values.aggrid) {
    const dist = variants[0]!.dist;
    if (!existsSync(join(dist, REFERENCE_PATH))) throw new Error(`${dist}${REFERENCE_PATH} is missing: build it as npm run bench does`);
    variants.push({ name: 'aggrid', dist, selector: AG_GRID_SCROLL_SELECTOR, reference: true });
  }
  const leads = Number(values.leads);
  const runs = Number(values.runs);
  const basePort = Number(values.port);
  let browser: Browser | undefined;
  try {
    await Promise.all(
      variants.map(async (v, i) => {
        if (v.reference) return;
        v.server = await startBenchServer({ root: ROOT, port: basePort + i, distDir: v.dist, leads, startTimeoutMs: SERVER_START_MS });
      }),
    );
    browser = await chromium.launch({
      ...uncappedChromiumLaunch,
      headless: true,
      timeout: 60_000,
    });
    const startedLoad = Date.now();
    await Promise.all(
      variants.map(async (v) => {
        const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC' });
        v.page = await context.newPage();
        if (v.reference) {
          await v.page.goto(`${variants[0]!.server!.baseUrl}${REFERENCE_PATH}?view=aggrid&leads=${leads}`, { waitUntil: 'load', timeout: 60_000 });
          // Polled by evaluate: the page's CSP refuses waitForFunction's string evaluation.
          const deadline = Date.now() + LOAD_TIMEOUT_MS;
          while ((await v.page.evaluate(() => document.documentElement.dataset.benchReady)) !== 'true') {
            if (Date.now() > deadline) throw new Error(`AG Grid did not render ${leads} leads within ${LOAD_TIMEOUT_MS} ms`);
            await sleep(250);
          }
          return;
        }
        await v.page.goto(`${v.server!.baseUrl}/`, { waitUntil: 'load', timeout: 60_000 });
        await loadAll(v.page, leads);
      }),
    );
    console.log(
      `${leads} leads loaded in every variant after ${round((Date.now() - startedLoad) / 1000)} s; load average ${round(loadavg()[0] ?? 0, 2)}`,
    );
    const all: Run[] = [];
    for (let r = 0; r < runs; r += 1) {
      // Rotate the order each round so no variant always runs first (or right after another's GC).
      const order = variants.map((_, i) => variants[(i + r) % variants.length]!);
      for (const v of order) {
        await v.page!.bringToFront();
        await sleep(500);
        if (values.trace && r === 0) await browser.startTracing(v.page!, { categories: TRACE_CATEGORIES });
        const run = await scrollOnce(v.page!, v.name, v.selector);
        if (values.trace && r === 0) console.log(traceSummary(v.name, await browser.stopTracing()));
        all.push(run);
        console.log(`round ${r + 1}: ${line(run)}`);
      }
    }
    console.log(`\nmedians over ${runs} runs (load average now ${round(loadavg()[0] ?? 0, 2)}):`);
    for (const v of variants) {
      const mine = all.filter((r) => r.variant === v.name);
      const m = (pick: (r: Run) => number) => median(mine.map(pick));
      console.log(
        `${v.name.padEnd(12)} p50 ${m((r) => r.figures.p50FrameMs)} p95 ${m((r) => r.figures.p95FrameMs)} long ${m((r) => r.figures.longTasks)} TBT ${m((r) => r.figures.totalBlockingTimeMs)} total ${m((r) => r.figures.durationMs)} | script ${m((r) => r.counters.ScriptDuration)} style ${m((r) => r.counters.RecalcStyleDuration)} layout ${m((r) => r.counters.LayoutDuration)} tasks ${m((r) => r.counters.TaskDuration)} cpu main ${m((r) => r.counters.ThreadTime)} renderer ${m((r) => r.counters.ProcessTime)}`,
      );
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await Promise.all(variants.map((v) => v.server?.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
