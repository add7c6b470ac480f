import { defineConfig } from '@playwright/test';
import { testChromiumLaunch } from './playwright.config';

// The slow half of the chaos suite (`npm run test:chaos`): the real server twice, one with the demo
// account's fault switches and a short upstream timeout, one serving the hostile-data fixture.
// Spec files end in `.chaos.ts`, so the normal e2e run (`*.spec.ts`) never picks them up.
const faultsPort = Number(process.env.CHAOS_PORT ?? 4570);
const hostilePort = faultsPort + 1;
const env = process.env as Record<string, string>;
const server = (port: number, extra: Record<string, string>) => ({
  command: 'tsx src/server/main.ts',
  url: `http://127.0.0.1:${port}/healthz`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: { ...env, PORT: String(port), HOST: '127.0.0.1', ...extra },
});

export default defineConfig({
  testDir: 'e2e/chaos',
  testMatch: '**/*.chaos.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: { launchOptions: testChromiumLaunch, trace: 'off' },
  projects: [
    { name: 'faults', testMatch: /(faults|hostile-urls|slow-clients)\.chaos\.ts$/, use: { baseURL: `http://127.0.0.1:${faultsPort}` } },
    { name: 'hostile-data', testMatch: /hostile-data\.chaos\.ts$/, use: { baseURL: `http://127.0.0.1:${hostilePort}` } },
  ],
  webServer: [
    // A hung upstream is answered 504 after 6 s here (30 s by default) so the suite stays short,
    // while a 5 s latency still gets through.
    server(faultsPort, { DEMO_FAULTS: '1', DEMO_LEADS: '10000', UPSTREAM_TIMEOUT_MS: '6000' }),
    server(hostilePort, { DEMO_FIXTURE: 'hostile', DEMO_LEADS: '400' }),
  ],
});
