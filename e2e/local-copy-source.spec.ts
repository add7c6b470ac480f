// The local copy as one declared source (issue 22), against the real server and demo account: a
// complete, fresh copy answers the first view on open (no live request of the view, no flip from a
// live page to the copy); "Forget local data" asks once, turns the copy off at once in every tab, and
// can be undone until the database is deleted; each tab's panel says which tab syncs and when the copy
// was last checked against Kommo; the offer estimates time and space from the account.
import { expect, test, type Page } from './support/test';
import { allWireLeads } from './support/all-wire-leads';
import { formatCount as fmt, localCopyDatabases, openDashboard, openWithReadyCopy } from './support/local-copy-setup';
import { LeadsPage } from './pages/leads-page';
import { LocalCopyPanel } from './pages/local-copy-panel';
import { FORGET_UNDO_MS } from '../src/lib/local-copy/local-copy-forget';

// What these tests show does not depend on the account's size: the smaller demo account, whose first
// sync walks 4 pages instead of 20 (e2e/support/test.ts).
test.use({ demoSize: 'small' });

/** Requests of the default view's own list (newest first, as the app always names its order), not the copy's refresh. */
function countViewRequests(page: Page): { count: () => number } {
  let count = 0;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/v4/leads' && url.searchParams.get('order[created_at]') === 'desc') count++;
  });
  return { count: () => count };
}

test('a complete, fresh copy answers the first view on open: the view asks Kommo nothing and never flips', async ({ page }) => {
  test.setTimeout(120_000);
  const all = await allWireLeads(page.request);
  const view = countViewRequests(page);
  const { leads, copy } = await openDashboard(page);
  // Without a copy, the first view is Kommo's: the counter sees it.
  expect(view.count()).toBeGreaterThan(0);
  await copy.enable();
  await copy.waitReady();
  await copy.close();

  const before = view.count();
  await page.reload();
  await leads.waitForRows();
  // The first rows come with the whole view's count: the copy answered them, not a live page first.
  await expect(leads.status).toContainText(`${fmt(all.length)} leads in the view`);
  await expect(copy.trigger).toHaveText(/^Local copy: as of \d/);
  expect(view.count() - before).toBe(0);
});

test('"Forget local data" asks once, is off at once in every tab, can be undone, then deletes the copy', async ({ page, context }) => {
  test.setTimeout(150_000);
  // The browser's clock runs as the real one (both tabs share it) until the time to undo is skipped, below.
  await context.clock.install();
  const all = await allWireLeads(page.request);
  const { leads, copy } = await openWithReadyCopy(page);
  // A second tab of the same browser, reading the same copy.
  const other = await context.newPage();
  const otherLeads = new LeadsPage(other);
  const otherCopy = new LocalCopyPanel(other);
  await otherLeads.goto();
  await otherLeads.waitForRows();
  await otherCopy.waitReady();

  // Each panel says who keeps the copy, and the last check against Kommo (the first follows the first walk).
  const checkedSame = /^Checked against Kommo at \d{1,2}:\d{2}( [AP]M)?: the same\.$/;
  await copy.open();
  await expect(copy.panel.getByTestId('local-copy-syncer')).toHaveText('This tab keeps the copy in step with Kommo.');
  await expect(copy.panel.getByTestId('local-copy-check')).toHaveText(checkedSame);
  const checked = await copy.panel.getByTestId('local-copy-check').innerText();
  await copy.close();
  await otherCopy.open();
  await expect(otherCopy.panel.getByTestId('local-copy-syncer')).toHaveText('Synced by another tab of this browser: this one reads its copy.');
  await expect(otherCopy.panel.getByTestId('local-copy-check')).toHaveText(checked);
  await otherCopy.close();

  // One confirmation, which can be declined: nothing changes.
  await copy.press('Forget local data');
  const confirm = copy.panel.getByRole('alertdialog', { name: 'Forget local data' });
  await expect(confirm).toContainText(`Delete the copy of ${fmt(all.length)} leads from this browser?`);
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toBeHidden();
  await expect(copy.trigger).toHaveText(/^Local copy: as of \d/);

  await copy.forget();
  await expect(copy.trigger).toHaveText('Local copy: off');
  await expect(copy.forgotten).toContainText('Local data forgotten');
  // Views go live at once, here and in the other tab.
  await expect(leads.status).toContainText('leads loaded');
  await expect(otherCopy.trigger).toHaveText('Local copy: off');

  // Undo while the data is still there: the copy answers again, in both tabs, without a new sync.
  await copy.forgotten.getByRole('button', { name: 'Undo' }).click();
  await expect(copy.forgotten).toBeHidden();
  await copy.waitReady();
  await expect(leads.status).toContainText(`${fmt(all.length)} leads in the view`);
  await otherCopy.waitReady();
  expect(await localCopyDatabases(page)).toHaveLength(1);

  // Forgotten for good: the database goes once the time to undo is over, and stays gone after a reload.
  await copy.forget();
  // The Undo is offered (its timer set), then the user waits the whole time to undo it.
  await expect(copy.forgotten.getByRole('button', { name: 'Undo' })).toBeVisible();
  await context.clock.fastForward(FORGET_UNDO_MS);
  await expect.poll(() => localCopyDatabases(page)).toEqual([]);
  await expect(copy.forgotten).toBeHidden();
  await other.reload();
  await otherLeads.waitForRows();
  await expect(otherCopy.trigger).toHaveText('Local copy: off');
  expect(await localCopyDatabases(other)).toEqual([]);
  await other.close();
});

test('the offer estimates the first sync’s time and space from the leads the user can see', async ({ page }) => {
  const all = await allWireLeads(page.request);
  const { copy } = await openDashboard(page);
  await copy.open();
  const estimate = copy.panel.getByTestId('local-copy-estimate');
  await expect(estimate).toContainText(`You can see ${fmt(all.length)} leads: the first sync takes about`);
  await expect(estimate).toContainText(
    /takes about \d+(\.\d)? (seconds?|minutes?|hours?) and keeps about [\d.]+ (MB|GB) in this browser\. An estimate/,
  );
});
