import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's chromium when present; Playwright's own browser only on machines that already have one.
const systemChromium = '/usr/bin/chromium';
export const chromiumLaunch = {
  executablePath: existsSync(systemChromium) ? systemChromium : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

// One worker by default: with two on a 2-core machine, a quiet run saw the demo answer one 429 (its
// per-second window counts arrivals, and a busy event loop bunched two of the proxy's grants past the
// 50 ms slack of RATE_WINDOW_MS). E2E_WORKERS=2 runs them in parallel, each on its own server.
const workers = Number(process.env.E2E_WORKERS ?? 1);

// Each worker starts its own app server (e2e/support/test.ts, ports from e2e/support/worker-ports.ts):
// one spec's fault switches and demo changes never reach a spec in another worker, so tests of one
// file may run in different workers.
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    launchOptions: chromiumLaunch,
    trace: 'off',
  },
});
