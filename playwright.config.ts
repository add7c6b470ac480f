import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's chromium when present; Playwright's own browser only on machines that already have one.
// The benches and screenshots drive it: the browser a manager has.
const systemChromium = '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const chromiumLaunch = {
  executablePath: existsSync(systemChromium) ? systemChromium : undefined,
  args,
};

// The tests drive Debian's chromium-headless-shell when present: the same Chromium build (its Blink,
// V8 and network stack) without the browser's own window and UI, which is Playwright's own choice for
// headless runs. Full Chromium opens a browser window for every test's context, with two WebUI
// renderers for the address bar's popup: on this 2-core machine a test's page cost about twice the
// CPU there (docs/performance.md, "Test suite time"), and the e2e suite is CPU-bound.
const systemHeadlessShell = '/usr/lib/chromium/chromium-headless-shell';
export const testChromiumLaunch = existsSync(systemHeadlessShell) ? { executablePath: systemHeadlessShell, args } : chromiumLaunch;

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
    launchOptions: testChromiumLaunch,
    trace: 'off',
  },
});
