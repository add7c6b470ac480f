import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's chromium when present; Playwright's own browser only on machines that already have one.
const systemChromium = '/usr/bin/chromium';
export const chromiumLaunch = {
  executablePath: existsSync(systemChromium) ? systemChromium : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

const port = Number(process.env.E2E_PORT ?? 4319);
// The stand-in Kommo page of e2e/widget.spec.ts runs on this port: the app must let it frame us.
const standinPort = Number(process.env.E2E_STANDIN_PORT ?? 4541);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunch,
    trace: 'off',
  },
  webServer: {
    // The start command's server, on the built bundle, with the demo account and its fault switches reachable.
    command: `tsx src/server/main.ts`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      ...(process.env as Record<string, string>),
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_FAULTS: '1',
      FRAME_ANCESTORS: `https://*.kommo.com https://*.amocrm.com https://*.amocrm.ru http://localhost:${standinPort}`,
    },
  },
});
