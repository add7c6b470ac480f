// Issue 23: "What needs my attention": my open leads, worst first, each row saying why (an overdue
// task in red with days late, no task, no change for 14 days), with the reason next to the name.
import { expect, test } from './support/test';
import { API_HEADERS } from './support/api-headers';
import { FiltersPanel } from './pages/filters-panel';
import { LeadsPage } from './pages/leads-page';

const BAND = { overdue: 3, noTask: 2, stale: 1, none: 0 } as const;

test('what needs my attention: mine, open stages by rule, worst first, every row saying why, overdue in red', async ({ page }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  const account = (await (await page.request.get('/api/v4/account', { headers: API_HEADERS })).json()) as { current_user_id: number };
  await leads.goto();
  await leads.waitForRows();
  await filters.viewsButton.click();
  await filters.viewsDialog.getByRole('button', { name: 'What needs my attention' }).click();
  await expect(page).toHaveURL(/[?&]open=all(&|$)/);
  await expect(page).toHaveURL(new RegExp(`filter\\[responsible_user_id\\]\\[\\]=${account.current_user_id}(&|$)`));
  await expect(page).toHaveURL(/sort=attention:desc/);
  await expect(filters.viewsButton).toHaveText('Views: What needs my attention');
  await expect(filters.chip('Open leads only')).toBeVisible();

  await expect.poll(() => leads.loadedCount()).toBeGreaterThan(0);
  await leads.waitForRows();
  // The reason is the first column after the name, in view without scrolling sideways.
  await expect(leads.grid.getByRole('columnheader', { name: 'Needs attention' })).toBeVisible();
  const headers = await leads.grid.getByRole('columnheader').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
  expect(headers.slice(1, 3)).toEqual(['Name', 'Needs attention']);
  const rows = await leads.bodyRows.evaluateAll((els) =>
    els
      .map((el) => {
        const cell = el.querySelector('[role=gridcell][data-col=attention] [data-attention]');
        const reason = cell?.getAttribute('data-attention') ?? 'none';
        const named = el.querySelector('[role=gridcell][data-col=attention]')?.textContent ?? '';
        return { index: Number(el.getAttribute('aria-rowindex')), reason, text: named.trim(), color: cell ? getComputedStyle(cell).color : '' };
      })
      .sort((a, b) => a.index - b.index),
  );
  expect(rows.length).toBeGreaterThan(2);
  // Worst first: overdue, then no task, then no change, then the leads that need nothing.
  const bands = rows.map((r) => BAND[(r.reason in BAND ? r.reason : 'none') as keyof typeof BAND]);
  expect(bands).toEqual([...bands].sort((a, b) => b - a));
  expect(rows[0]!.reason).toBe('overdue');
  for (const row of rows) {
    if (row.reason === 'overdue') expect(row.text).toMatch(/^Task (\d+ days? overdue|overdue today)$/);
    if (row.reason === 'noTask') expect(row.text).toMatch(/^No task; no change for \d+ days?$/);
    if (row.reason === 'stale') expect(row.text).toMatch(/^No change for \d+ days$/);
  }
  const [r, g, b] = rows[0]!.color.match(/\d+/g)!.map(Number);
  expect(r! > 150 && g! < 80 && b! < 80, `an overdue task is red (${rows[0]!.color})`).toBe(true);
  // Within the overdue ones, the most days late first.
  const late = rows.filter((row) => row.reason === 'overdue').map((row) => Number(/\d+/.exec(row.text)?.[0] ?? 0));
  expect(late).toEqual([...late].sort((x, y) => y - x));
  // No won or lost lead: the rule asks for open stages only.
  await leads.scrollToColumn('stage');
  const stages = await leads.grid.locator('[role=gridcell][data-col=stage]').allTextContents();
  expect(stages.filter((st) => /Closed - (won|lost)/.test(st))).toEqual([]);
});
