// Every e2e spec imports `test` and `expect` from here: any console error or uncaught page error
// fails the test, and the demo account's fault switches are reset around each test. Each Playwright
// worker runs its own app server (ports from the worker's slot, `worker-ports.ts`), so one spec's
// fault switches and demo changes never reach a spec running in another worker; a test that changes
// the demo's data asks for a server of its own (`test.use({ privateDemo: true })`). A local-copy test
// whose point is not the account's size runs on a smaller demo account (`test.use({ demoSize: 'small' })`):
// its first sync walks 4 pages instead of 20.
import { test as base, expect, type Page } from '@playwright/test';
import type { FaultSettings as DemoFaultSettings } from '../../src/server/demo/faults';
import { API_HEADERS } from './api-headers';
import { startAppServer, type AppServer } from './app-server';
import { workerSeed } from './worker-seed';
import { workerPorts, type WorkerPorts } from './worker-ports';

/** The demo account's own fault switches (src/server/demo/faults.ts); a test sets any subset. */
export type FaultSettings = Partial<DemoFaultSettings>;

type Fixtures = {
  /** Errors seen on the page; tests that provoke an expected error can `allow` a pattern. */
  pageErrors: { messages: string[]; allow: (pattern: RegExp) => void };
  /** Sets the demo account's faults (server started with DEMO_FAULTS=1); reset after the test. */
  faults: { set: (f: FaultSettings) => Promise<void>; reset: () => Promise<void> };
  /** The test changes the demo's data (POST /__demo/changes): it gets a fresh server of its own. */
  privateDemo: boolean;
  /** The demo account the test runs against (DEMO_SIZES): the start command's default unless set. */
  demoSize: DemoSize;
};

/**
 * The demo accounts a test can ask for, by their number of leads: 'standard' is the start command's
 * default (5,000 leads, seed and all); 'small' is the same account generated with 1,000 leads (the
 * same seed, pipelines, users and fields), for local-copy tests whose point is not the size, since a
 * first sync of the whole account is most of their time. A test where the size is the point (a walk
 * long enough to pause in, the sync's progress) stays on 'standard'.
 */
export const DEMO_SIZES = { standard: undefined, small: 1000 } as const;
export type DemoSize = keyof typeof DEMO_SIZES;

type WorkerFixtures = {
  /** This worker's ports: its app server, stand-in Kommo page, attacker page and team server. */
  ports: WorkerPorts;
  /** This worker's app server for each demo size: the standard one with the worker, the smaller one on first use (a config that sets `baseURL` starts neither). */
  workerServer: { url: (size: DemoSize) => Promise<string> };
};

/**
 * The settings the app server runs with in e2e: the worker's demo account with its fault switches, framable by
 * this worker's stand-in Kommo page, as itself and as a second tenant's page (`tenant-b.localhost`).
 */
export function e2eServerEnv(ports: WorkerPorts, size: DemoSize = 'standard'): Record<string, string> {
  const leads = DEMO_SIZES[size];
  return {
    ...(leads === undefined ? {} : { DEMO_LEADS: String(leads) }),
    DEMO_SEED: String(workerSeed()),
    DEMO_FAULTS: '1',
    FRAME_ANCESTORS: `https://*.kommo.com https://*.amocrm.com https://*.amocrm.ru http://localhost:${ports.standin} http://tenant-b.localhost:${ports.standin}`,
  };
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: it has none.
  ports: [async ({}, use, workerInfo) => use(workerPorts(workerInfo.parallelIndex)), { scope: 'worker' }],
  workerServer: [
    async ({ ports }, use, workerInfo) => {
      const started = new Map<DemoSize, Promise<AppServer>>();
      const port: Record<DemoSize, number> = { standard: ports.app, small: ports.smallApp };
      const start = (size: DemoSize): Promise<AppServer> => {
        let server = started.get(size);
        if (server === undefined) started.set(size, (server = startAppServer(port[size], e2eServerEnv(ports, size))));
        return server;
      };
      // The standard server starts here, on this fixture's own clock. Started by the first test that asked
      // for it, its start (30 s at load 27) ran on that test's 60 s: the first test of every worker, and of
      // every worker started anew after a failure, could time out on work that fits its own time.
      if (workerInfo.project.use.baseURL === undefined) await start('standard');
      await use({ url: async (size) => (await start(size)).url });
      await Promise.all([...started.values()].map(async (server) => (await server).close()));
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  privateDemo: [false, { option: true }],
  demoSize: ['standard', { option: true }],
  // A config that names its own server (the chaos suite's projects) keeps it; otherwise the worker's.
  baseURL: async ({ workerServer, privateDemo, demoSize, ports }, use, testInfo) => {
    const configured = testInfo.project.use.baseURL;
    if (configured !== undefined) return use(configured);
    if (!privateDemo) return use(await workerServer.url(demoSize));
    const own = await startAppServer(ports.privateApp, e2eServerEnv(ports, demoSize));
    try {
      await use(own.url);
    } finally {
      await own.close();
    }
  },
  pageErrors: [
    async ({ page }, use) => {
      const messages: string[] = [];
      const allowed: RegExp[] = [];
      const record = (text: string) => {
        if (!allowed.some((re) => re.test(text))) messages.push(text);
      };
      page.on('console', (msg) => {
        // With where it came from: "Failed to load resource" alone does not say which call failed.
        const from = msg.location().url;
        if (msg.type() === 'error') record(`console.error: ${msg.text()}${from ? ` (at ${from})` : ''}`);
      });
      page.on('pageerror', (err) => record(`pageerror: ${err.message}`));
      await use({ messages, allow: (re) => allowed.push(re) });
      expect(messages, 'console or page errors').toEqual([]);
    },
    { auto: true },
  ],
  faults: async ({ request }, use) => {
    const reset = async () => {
      const res = await request.delete('/__demo/faults', { headers: API_HEADERS });
      expect(res.ok()).toBe(true);
    };
    await reset();
    await use({
      set: async (f) => {
        const res = await request.post('/__demo/faults', { data: f, headers: API_HEADERS });
        expect(res.ok()).toBe(true);
      },
      reset,
    });
    await reset();
  },
});

export { expect };
export type { Page };
