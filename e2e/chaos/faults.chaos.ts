// Each demo-account fault, hitting the next page while rows are already on screen: the UI says
// what happened in words, keeps the loaded rows, does not storm (leads requests counted in the
// browser: retries bounded, Retry-After and backoff honoured, a 403 stops every call), and
// recovers when the fault clears.
import type { Page, Request } from '@playwright/test';
import { recordFigure } from './chaos-figures';
import { LeadsPage } from '../pages/leads-page';
import { expect, test, type FaultSettings } from '../support/test';

/** 1 try + the client's 3 retries. */
const MAX_ATTEMPTS = 4;
const NOISE = /Failed to load resource|status of \d{3}|ERR_EMPTY_RESPONSE|ERR_CONNECTION|net::/;

type Watch = { leads: number[]; api: number[]; stop: () => void };

/** Times (ms since start) of the leads requests and of every API request the page makes. */
function watchRequests(page: Page): Watch {
  const started = Date.now();
  const w: Watch = { leads: [], api: [], stop: () => page.off('request', onRequest) };
  function onRequest(request: Request) {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/')) return;
    w.api.push(Date.now() - started);
    if (url.pathname === '/api/v4/leads') w.leads.push(Date.now() - started);
  }
  page.on('request', onRequest);
  return w;
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0));

async function withFigure(source: string, body: () => Promise<void>) {
  try {
    await body();
    recordFigure({ area: 'faults', source, tried: 1, bad: 0 });
  } catch (error) {
    recordFigure({ area: 'faults', source, tried: 1, bad: 1 });
    throw error;
  }
}

/** Opens the table with its first page, then turns the fault on for the leads endpoint only. */
async function openThenFault(page: Page, faults: { set: (f: FaultSettings) => Promise<void> }, fault: FaultSettings) {
  const leads = new LeadsPage(page);
  // One page for the whole run: a fault hits the next page below rows already on screen.
  if (!(await leads.grid.isVisible())) await leads.goto();
  await leads.waitForRows();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const before = await leads.loadedCount();
  const firstName = await leads.cell(leads.rowByIndex(0), 'name').innerText();
  await faults.set({ ...fault, pathPrefix: '/api/v4/leads' });
  const watch = watchRequests(page);
  await leads.scrollToBottom();
  return { leads, before, firstName, watch };
}

async function expectRowsKept(leads: LeadsPage, before: number, firstName: string) {
  expect(await leads.loadedCount()).toBeGreaterThanOrEqual(before);
  await expect(leads.cell(leads.rowByIndex(0), 'name')).toHaveText(firstName);
}

async function recoverWith(page: Page, leads: LeadsPage, before: number, button: string | RegExp = 'Retry') {
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  const retry = alert.getByRole('button', { name: button });
  await expect(retry).toBeEnabled({ timeout: 30_000 });
  await retry.click();
  await expect.poll(() => leads.loadedCount(), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toHaveCount(0);
}

const wordCases: { name: string; fault: FaultSettings; words: RegExp; retried: boolean; minGapMs: number }[] = [
  {
    name: 'HTML error bodies (500 as nginx HTML)',
    fault: { errorRate: 1, htmlErrors: true },
    words: /internal error \(500\)/i,
    retried: true,
    minGapMs: 200,
  },
  { name: 'truncated / malformed JSON', fault: { malformedJson: true }, words: /cannot read/i, retried: false, minGapMs: 0 },
  { name: 'dropped connection', fault: { dropConnection: true }, words: /could not be reached/i, retried: true, minGapMs: 200 },
  {
    name: 'request that never answers (proxy 504 after UPSTREAM_TIMEOUT_MS)',
    fault: { hang: true },
    words: /\(504\)|took too long/i,
    retried: true,
    minGapMs: 200,
  },
];

test.describe.configure({ mode: 'serial' });
let shared: Page;
test.beforeAll(async ({ browser }) => {
  shared = await browser.newPage();
});
test.afterAll(async () => {
  await shared.close();
});
// Every test drives the same page (see openThenFault); the fixtures still watch its errors.
const it = test.extend<{ page: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  page: async ({}, use) => {
    await use(shared);
  },
});

for (const c of wordCases) {
  it(`fault: ${c.name}: said in words, rows kept, bounded retries, recovers`, async ({ page, faults, pageErrors }) => {
    test.setTimeout(90_000);
    pageErrors.allow(NOISE);
    await withFigure(c.name, async () => {
      const { leads, before, firstName, watch } = await openThenFault(page, faults, c.fault);
      const alert = page.getByRole('alert').filter({ hasText: 'More leads could not be loaded' });
      await expect(alert).toContainText(c.words, { timeout: 60_000 });
      await page.waitForTimeout(1500);
      watch.stop();
      await expectRowsKept(leads, before, firstName);
      expect(watch.leads.length, `leads requests under "${c.name}"`).toBeLessThanOrEqual(c.retried ? MAX_ATTEMPTS : 1);
      expect(watch.leads.length).toBeGreaterThanOrEqual(1);
      for (const gap of gaps(watch.leads)) expect(gap).toBeGreaterThanOrEqual(c.minGapMs);
      await faults.reset();
      await recoverWith(page, leads, before);
    });
  });
}

it('fault: latency up to 5 s: the page waits without an error and without duplicate calls', async ({ page, faults }) => {
  await withFigure('latency 5 s', async () => {
    const { leads, before, firstName, watch } = await openThenFault(page, faults, { latencyMs: 5000 });
    await expect.poll(() => leads.loadedCount(), { timeout: 20_000 }).toBeGreaterThan(before);
    watch.stop();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectRowsKept(leads, before, firstName);
    expect(watch.leads.length).toBe(1);
  });
});

it('fault: 10% of answers are 5xx: retried quietly, every page arrives, calls bounded', async ({ page, faults, pageErrors }) => {
  test.setTimeout(90_000);
  pageErrors.allow(NOISE);
  await withFigure('10% 5xx', async () => {
    const statuses: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/v4/leads') statuses.push(response.status());
    });
    const { leads, before, watch } = await openThenFault(page, faults, { errorRate: 0.1 });
    let loaded = before;
    for (let i = 0; i < 10; i++) {
      await expect.poll(() => leads.loadedCount(), { timeout: 20_000 }).toBeGreaterThan(loaded);
      loaded = await leads.loadedCount();
      await leads.scrollToBottom();
    }
    await page.waitForTimeout(1000);
    watch.stop();
    await expect(page.getByRole('alert')).toHaveCount(0);
    const failed = statuses.filter((s) => s >= 500).length;
    const succeeded = statuses.filter((s) => s === 200).length;
    expect(failed).toBeGreaterThanOrEqual(1);
    // Each failure cost exactly one retry, nothing more: calls = pages + failures.
    expect(watch.leads.length).toBeLessThanOrEqual(succeeded + failed + 1);
    expect(failed).toBeLessThanOrEqual(Math.ceil(watch.leads.length / 10) + 1);
  });
});

it('fault: a burst of 429 with Retry-After: waits it out, says so, then recovers', async ({ page, faults, pageErrors }) => {
  test.setTimeout(90_000);
  pageErrors.allow(NOISE);
  await withFigure('429 burst with Retry-After', async () => {
    const { leads, before, firstName, watch } = await openThenFault(page, faults, { burst429: 20 });
    const alert = page.getByRole('alert').filter({ hasText: 'More leads could not be loaded' });
    await expect(alert).toContainText('Too many requests (429)', { timeout: 30_000 });
    await page.waitForTimeout(1500);
    watch.stop();
    await expectRowsKept(leads, before, firstName);
    expect(watch.leads.length).toBeLessThanOrEqual(MAX_ATTEMPTS);
    // Retry-After: 1 is honoured between attempts (minus a little clock slack).
    for (const gap of gaps(watch.leads)) expect(gap).toBeGreaterThanOrEqual(900);
    await faults.reset();
    await recoverWith(page, leads, before);
  });
});

it('fault: a 403 block stops every call until the user resumes', async ({ page, faults, pageErrors }) => {
  test.setTimeout(90_000);
  pageErrors.allow(NOISE);
  await withFigure('403 block', async () => {
    const { leads, before, firstName, watch } = await openThenFault(page, faults, { blocked403: true });
    const alert = page.getByRole('alert').filter({ hasText: 'More leads could not be loaded' });
    await expect(alert).toContainText('blocked the access (403)');
    const afterBlock = watch.api.length;
    // Keep poking the UI: scrolling and sorting must not reach the API while blocked.
    await leads.scrollBy(-500);
    await leads.scrollToBottom();
    await page.waitForTimeout(2500);
    watch.stop();
    expect(watch.leads.length).toBe(1);
    expect(watch.api.length).toBe(afterBlock);
    await expectRowsKept(leads, before, firstName);
    await faults.reset();
    await recoverWith(page, leads, before, 'Resume and retry');
  });
});
