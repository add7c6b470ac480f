// The real server (`src/server/main.ts`, demo account) as a child process of the bench, on a given
// port and production build, with a bounded start and a bounded stop.
import { spawn, type ChildProcess } from 'node:child_process';

export type BenchServer = { baseUrl: string; stop(): Promise<void>; output(): string };

export type BenchServerOptions = { root: string; port: number; distDir: string; leads: number; startTimeoutMs: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STOP_GRACE_MS = 7000;

export async function startBenchServer({ root, port, distDir, leads, startTimeoutMs }: BenchServerOptions): Promise<BenchServer> {
  // `node --import tsx` runs the server in this one process, so stopping it stops the server itself.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DIST_DIR: distDir,
      DEMO_LEADS: String(leads),
      // The table's part measures rendering, not the demo's 7/s limit; the server's own upstream limiter stays on.
      DEMO_RATE_LIMIT: 'off',
      DEMO_FAULTS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(STOP_GRACE_MS)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server on port ${port} exited (${child.exitCode}): ${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return { baseUrl, stop, output: () => output };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`server on port ${port} did not answer /healthz within ${startTimeoutMs} ms: ${output}`);
}
