import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's chromium when present; Playwright's own browser only on machines that already have one.
const systemChromium = '/usr/bin/chromium';
export const chromiumLaunch = {
  executablePath: existsSync(systemChromium) ? systemChromium : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

// Two workers by default, each with its own app server: on a 2-core machine two ran the suite
// fastest. (They once met a 429 from the demo's limit, which counts arrivals: the proxy counted its
// calls from their grants while a busy event loop sent them later; it now counts them from when they
// are sent, src/server/upstream-limiter.ts.) E2E_WORKERS sets another number.
const workers = Number(process.env.E2E_WORKERS ?? 2);

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
