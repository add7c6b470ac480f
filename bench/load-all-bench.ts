// Load-all benchmark: walks every page of DEMO_LEADS demo leads through the real server's proxy
// with the demo account's 7-a-second limit ON, using the app's own client, stream and walker.
// Reports requests, 429s, elapsed time and the ratio to the floor ceil(N/250)/7 seconds.
// Run: `tsx bench/load-all-bench.ts` (env: BENCH_LEADS, BENCH_RATES="5,6", BENCH_WITH).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KOMMO_RATE_LIMIT_PER_SECOND } from '../src/kommo/api-paths';
import { LEAD_WITH_VALUES, MAX_LIMIT, type LeadWith, type LeadsView } from '../src/kommo/leads-query';
import { createKommoClient } from '../src/lib/api/kommo-client';
import { fetchLeadsChunk, initialLeadsCursor } from '../src/lib/leads/leads-stream';
import { createLoadAllWalker } from '../src/features/load-all/load-all-walker';
import { LOAD_ALL_RATE_PER_SECOND } from '../src/features/load-all/load-all-rate';
import { createLeadsPagePrefetch } from '../src/lib/leads/leads-page-prefetch';
import { fetchLeadsPage } from '../src/lib/leads/leads-fetchers';
import { createNodeProxyTransport } from './node-proxy-transport';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORTS = [4550, 4551, 4552, 4553, 4554, 4555, 4556, 4557, 4558, 4559];
const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
const RATES = (process.env.BENCH_RATES ?? `5,${LOAD_ALL_RATE_PER_SECOND}`).split(',').map(Number);
// The table's default visible columns ask for these; the walk carries the same payload as the app.
const WITH = (process.env.BENCH_WITH ?? 'contacts,loss_reason,catalog_elements')
  .split(',')
  .filter((w): w is LeadWith => (LEAD_WITH_VALUES as readonly string[]).includes(w));
const SERVER_START_TIMEOUT_MS = 90_000;
const WALK_TIMEOUT_MS = 180_000;
/** Lets the server's and the demo's one-second windows empty between runs. */
const SETTLE_MS = 2000;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  for (const port of PORTS) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${PORTS[0]}-${PORTS[PORTS.length - 1]}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEMO_LEADS: String(LEADS), DEMO_RATE_LIMIT: 'on', DEMO_FAULTS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  child.kill('SIGTERM');
  throw new Error(`server did not answer /healthz within ${SERVER_START_TIMEOUT_MS} ms: ${output}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(7000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

type RunResult = {
  ratePerSecond: number;
  /** Page p+1 requested with page p (as the app's load-all does). */
  prefetch: boolean;
  leads: number;
  uniqueLeads: number;
  pages: number;
  requests: number;
  responses429: number;
  byStatus: Record<number, number>;
  elapsedMs: number;
  floorMs: number;
  ratioToFloor: number;
  withinTarget: boolean;
};

async function walkOnce(baseUrl: string, ratePerSecond: number, prefetch: boolean): Promise<RunResult> {
  const transport = createNodeProxyTransport(baseUrl);
  const walkController = new AbortController();
  const base = createKommoClient(transport, { ratePerSecond });
  const source = prefetch ? createLeadsPagePrefetch((q, signal) => fetchLeadsPage(base, q, signal), walkController.signal).source : undefined;
  const query: LeadsView = WITH.length > 0 ? { with: WITH } : {};
  const walker = createLoadAllWalker({
    fetchChunk: (cursor, signal) => fetchLeadsChunk(base, cursor, { signal, order: query.order, source }),
    firstCursor: initialLeadsCursor(query),
    confirmAfterLeads: Number.POSITIVE_INFINITY,
  });
  const timeout = setTimeout(() => walker.cancel(), WALK_TIMEOUT_MS);
  const started = performance.now();
  const data = await walker.start();
  const elapsedMs = performance.now() - started;
  clearTimeout(timeout);
  walkController.abort();
  const snapshot = walker.getSnapshot();
  if (snapshot.status !== 'done') throw new Error(`walk ended ${snapshot.status}: ${String(snapshot.error)}`);
  const ids = new Set<number>();
  for (const page of data.pages) for (const lead of page.leads) ids.add(lead.id);
  const floorMs = (Math.ceil(LEADS / MAX_LIMIT) / KOMMO_RATE_LIMIT_PER_SECOND) * 1000;
  const ratio = elapsedMs / floorMs;
  return {
    ratePerSecond,
    prefetch,
    leads: snapshot.leads,
    uniqueLeads: ids.size,
    pages: snapshot.pages,
    requests: transport.counters.requests,
    responses429: transport.counters.rateLimited,
    byStatus: transport.counters.byStatus,
    elapsedMs: Math.round(elapsedMs),
    floorMs: Math.round(floorMs),
    ratioToFloor: Math.round(ratio * 1000) / 1000,
    withinTarget: transport.counters.rateLimited === 0 && ratio <= 1.15,
  };
}

async function main() {
  const port = await freePort();
  const server = await startServer(port);
  const runs: RunResult[] = [];
  try {
    for (const prefetch of [false, true]) {
      for (const rate of RATES) {
        await sleep(SETTLE_MS);
        runs.push(await walkOnce(`http://127.0.0.1:${port}`, rate, prefetch));
      }
    }
  } finally {
    await stopServer(server);
  }
  const chosen = runs.find((r) => r.ratePerSecond === LOAD_ALL_RATE_PER_SECOND && r.prefetch) ?? null;
  const report = {
    name: 'load-all',
    date: new Date().toISOString(),
    node: process.version,
    demoLeads: LEADS,
    with: WITH,
    demoRateLimitPerSecond: KOMMO_RATE_LIMIT_PER_SECOND,
    // Other processes share this machine's CPUs: per-page latency (and so elapsed time) grows with the load.
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    cpus: cpus().length,
    loadAllRatePerSecond: LOAD_ALL_RATE_PER_SECOND,
    targets: { responses429: 0, maxRatioToFloor: 1.15 },
    runs,
    pass: chosen?.withinTarget ?? false,
  };
  const text = JSON.stringify(report, null, 2);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/load-all.json'), `${text}\n`);
  console.log(text);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
