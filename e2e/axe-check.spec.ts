// The axe check every spec uses (support/expect-axe-clean.ts) runs axe inside the page: this shows it
// still finds what a scan must find, on the real dashboard, so a clean scan elsewhere means something.
import { LeadsPage } from './pages/leads-page';
import { expectAxeClean } from './support/expect-axe-clean';
import { expect, test } from './support/test';

test('the axe check fails on a planted violation, in the scanned part only, and again after a reload', async ({ page }) => {
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();
  await expectAxeClean(page);
  // Grey on grey (about 1.2:1) in a box of its own, and a heading that skips two levels.
  await page.evaluate(() => {
    const box = document.createElement('section');
    box.id = 'planted';
    box.innerHTML = '<p style="color:#8a8a8a;background:#9a9a9a">Planted low contrast</p><h4>Planted heading</h4>';
    document.body.append(box);
  });
  const failure = await expectAxeClean(page).then(
    () => 'no failure',
    (error: Error) => error.message,
  );
  expect(failure).toContain('color-contrast: #planted');
  expect(failure).toContain('heading-order');
  // A scan scoped to another part does not see it; one scoped to it does.
  await expectAxeClean(page, { include: '[role=grid]' });
  await expect(expectAxeClean(page, { include: '#planted', onlyRules: ['color-contrast'] })).rejects.toThrow(/color-contrast/);
  // A new document gets axe injected again (the check is not fooled by a stale one).
  await page.reload();
  await leads.waitForRows();
  await expectAxeClean(page);
});
