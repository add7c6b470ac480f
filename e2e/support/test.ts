// Every e2e spec imports `test` and `expect` from here: any console error or uncaught page error
// fails the test, and the demo account's fault switches are reset around each test.
import { test as base, expect, type Page } from '@playwright/test';
import type { FaultSettings as DemoFaultSettings } from '../../src/server/demo/faults';
import { API_HEADERS } from './api-headers';

/** The demo account's own fault switches (src/server/demo/faults.ts); a test sets any subset. */
export type FaultSettings = Partial<DemoFaultSettings>;

type Fixtures = {
  /** Errors seen on the page; tests that provoke an expected error can `allow` a pattern. */
  pageErrors: { messages: string[]; allow: (pattern: RegExp) => void };
  /** Sets the demo account's faults (server started with DEMO_FAULTS=1); reset after the test. */
  faults: { set: (f: FaultSettings) => Promise<void>; reset: () => Promise<void> };
};

export const test = base.extend<Fixtures>({
  pageErrors: [
    async ({ page }, use) => {
      const messages: string[] = [];
      const allowed: RegExp[] = [];
      const record = (text: string) => {
        if (!allowed.some((re) => re.test(text))) messages.push(text);
      };
      page.on('console', (msg) => {
        if (msg.type() === 'error') record(`console.error: ${msg.text()}`);
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
