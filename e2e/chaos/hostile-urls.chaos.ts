// 1,000 hostile query strings opened in the running app: most through the address bar's history
// (pushState + popstate, as back/forward does), a sample by full navigation. Zero page errors, and
// the notice shows exactly when the parser ignored something.
import { parseViewSearch } from '../../src/lib/url-state/leads-url-codec';
import { recordFigure } from './chaos-figures';
import { generateHostileUrls } from './hostile-urls';
import { LeadsPage } from '../pages/leads-page';
import { expect, test } from '../support/test';

const HISTORY_COUNT = 1000;
const NAVIGATION_COUNT = 20;
/** The server's header limit is 16 KB: longer addresses are refused before the app (proxy suite covers them). */
const MAX_NAVIGABLE = 12_000;

test('1,000 hostile URLs through history: no page error, the notice exactly when something was ignored', async ({ page, pageErrors }) => {
  test.setTimeout(180_000);
  // The API may refuse an odd but valid view (e.g. an unknown stage); that is a message, not a crash.
  pageErrors.allow(/Failed to load resource|status of \d{3}/);
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(error.message));
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();

  const urls = generateHostileUrls(HISTORY_COUNT, 1234).map((u) => ({ ...u, expected: parseViewSearch(u.search).issues.length > 0 }));
  const mismatches = await page.evaluate(
    async (cases) => {
      const wrong: string[] = [];
      const deadline = performance.now() + 150_000;
      const noticeShown = () => document.querySelector('[data-testid=url-notice]') !== null;
      for (const c of cases) {
        if (performance.now() > deadline) {
          wrong.push('time budget exceeded');
          break;
        }
        window.history.pushState(null, '', `/?${c.search}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
        // Wait for React to render this address (at most 1 s), then compare.
        const until = performance.now() + 1000;
        while (noticeShown() !== c.expected && performance.now() < until) await new Promise((r) => requestAnimationFrame(() => r(null)));
        if (noticeShown() !== c.expected) wrong.push(`${c.kind}: notice ${noticeShown() ? 'shown' : 'missing'} for ${c.search.slice(0, 80)}`);
      }
      return wrong;
    },
    urls.map(({ kind, search, expected }) => ({ kind, search, expected })),
  );
  // The app is still alive: back to a clean view, rows on screen.
  await page.evaluate(() => {
    window.history.pushState(null, '', '/');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(page.getByTestId('url-notice')).toHaveCount(0);
  await leads.waitForRows();
  recordFigure({
    area: 'urls',
    source: 'app in Chromium via history (pushState + popstate)',
    tried: urls.length,
    bad: crashes.length,
    note: `${mismatches.length} notice mismatches`,
  });
  expect(crashes).toEqual([]);
  expect(mismatches.slice(0, 10)).toEqual([]);
});

test('hostile URLs by full navigation: no page error, the notice when something was ignored', async ({ page, pageErrors }) => {
  test.setTimeout(120_000);
  pageErrors.allow(/Failed to load resource|status of \d{3}/);
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(error.message));
  const urls = generateHostileUrls(NAVIGATION_COUNT * 3, 99)
    .filter((u) => u.search.length < MAX_NAVIGABLE)
    .slice(0, NAVIGATION_COUNT);
  const wrong: string[] = [];
  for (const u of urls) {
    await page.goto(`/?${u.search}`);
    const expected = parseViewSearch(new URL(page.url()).search).issues.length > 0;
    const notice = page.getByTestId('url-notice');
    if (expected) await expect(notice).toBeVisible();
    // A valid but unlikely view (random ids) ends in rows, the empty state or a refusal message.
    else
      await expect(
        page.getByRole('grid', { name: 'Leads' }).or(page.getByRole('alert')).or(page.getByText('No lead matches this view')).first(),
      ).toBeVisible();
    if (!expected && (await notice.count()) > 0) wrong.push(`unexpected notice for ${u.search.slice(0, 80)}`);
  }
  recordFigure({ area: 'urls', source: 'app in Chromium via full navigation', tried: urls.length, bad: crashes.length });
  expect(crashes).toEqual([]);
  expect(wrong).toEqual([]);
});
