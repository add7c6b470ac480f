// The totals row against the real server and its demo account: the price sum is the status line's
// figure (one sum, shown twice), it says it covers the loaded leads, and after Load all the whole view.
import { expect, test } from './support/test';
import { LeadsPage } from './pages/leads-page';

test('the totals row sums price as the status line does, for the loaded leads, then for the whole view', async ({ page }) => {
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();

  const totals = leads.grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Totals/ }) });
  const priceTotal = totals.locator('[role=gridcell][data-col="price"]');
  const statusSum = async () => /Total price: (.+)/.exec(await leads.status.getByText(/^Total price:/).innerText())?.[1];
  await expect(leads.status).toContainText('More available');
  const loaded = await leads.loadedCount();
  await expect(totals.getByRole('rowheader')).toHaveText(`TotalsLoaded: ${loaded} leads`);
  const loadedSum = await statusSum();
  expect(loadedSum).toMatch(/^\$[\d,.]+$/);
  await expect(priceTotal.getByTestId('total-sum')).toHaveText(loadedSum!);
  // The average counts only the leads with a price (and says so on the cell).
  await expect(priceTotal).toHaveAttribute('title', /average over the [\d,]+ leads with a value/);
  await expect(priceTotal).toContainText(/avg \$[\d,.]+/);

  await page.getByRole('button', { name: 'Load all' }).click();
  await expect(leads.status).toContainText('All leads loaded', { timeout: 45_000 });
  const whole = await leads.loadedCount();
  expect(whole).toBeGreaterThan(loaded);
  await expect(totals.getByRole('rowheader')).toHaveText(`TotalsWhole view: ${whole.toLocaleString('en-US')} leads`);
  const wholeSum = await statusSum();
  expect(wholeSum).not.toBe(loadedSum);
  await expect(priceTotal.getByTestId('total-sum')).toHaveText(wholeSum!);

  // A numeric custom field (Seats) has its own total, exactly under its header when scrolled to.
  await leads.scrollToColumn('cf_1120004');
  const seatsHeader = leads.grid.getByRole('columnheader', { name: 'Seats' });
  const seatsTotal = totals.locator('[role=gridcell][data-col="cf_1120004"]');
  const [headerBox, totalBox] = [await seatsHeader.boundingBox(), await seatsTotal.boundingBox()];
  expect(totalBox?.x).toBe(headerBox?.x);
  expect(totalBox?.width).toBe(headerBox?.width);
});

test('in Portuguese the price total and its average are read whole, cents and all ("média US$ 22.993,(" was cut)', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('klb.language', 'pt'));
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();
  const priceTotal = leads.grid.locator('[data-testid=leads-totals] [role=gridcell][data-col="price"]');
  await expect(priceTotal).toContainText(/média US\$\s[\d.]+,\d\d$/);
  // Each line of the cell fits in it: nothing runs past the column's edge, where the cell clips it.
  const cut = await priceTotal.evaluate((cell) =>
    [...cell.children]
      .filter((line) => line.scrollWidth > line.clientWidth + 1 || line.getBoundingClientRect().right > cell.getBoundingClientRect().right)
      .map((line) => line.textContent),
  );
  expect(cut).toEqual([]);
});
