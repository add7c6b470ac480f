// The start command's server (`tsx src/server/main.ts` on the built bundle) as a child process of a
// Playwright worker or spec: started on a given port with the given settings, ready once /healthz
// answers, stopped (and waited for) when the worker or spec is done.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export type AppServer = { url: string; close: () => Promise<void> };

const READY_WITHIN_MS = 60_000;

export async function startAppServer(port: number, env: Record<string, string>): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`;
  // A server left on this port (another run, a crashed worker) would answer for ours: refuse it.
  if (await answers(url)) throw new Error(`port ${port} is already serving: stop that server or set E2E_PORT to another range`);
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['src/server/main.ts'], {
    env: { ...(process.env as Record<string, string>), PORT: String(port), HOST: '127.0.0.1', ...env },
    // Its errors reach the run's output, as the config's webServer did; its banner does not.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let early: number | null | undefined;
  void exited.then((code) => (early = code));
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (early !== undefined) throw new Error(`the app server on port ${port} exited with code ${early} before it was ready`);
    if (await answers(url)) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the app server on port ${port} did not answer /healthz within ${READY_WITHIN_MS / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    close: async () => {
      if (early !== undefined) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const answers = (url: string): Promise<boolean> =>
  fetch(`${url}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
