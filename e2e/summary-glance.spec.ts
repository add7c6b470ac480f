// The summary a manager reads at a glance, against the demo account: open pipeline value, won value
// and win rate equal what the loaded leads give; stages are named on each pipeline's axis.
import { expect, test } from './support/test';
import { allWireLeads } from './support/all-wire-leads';
import { API_HEADERS } from './support/api-headers';

type WireLead = { id: number; price: number | null; price_with_minor_units?: number | null; status_id: number; pipeline_id: number };

test('the summary’s open value, won value and win rate equal the loaded leads; stages are named per pipeline', async ({ page, request }) => {
  const all = await allWireLeads<WireLead>(request);
  const account = (await (await request.get('/api/v4/account', { headers: API_HEADERS })).json()) as { currency: string };
  const pipelines = (await (await request.get('/api/v4/leads/pipelines', { headers: API_HEADERS })).json()) as {
    _embedded: { pipelines: { name: string; _embedded: { statuses: { id: number; name: string }[] } }[] };
  };
  const won = all.filter((l) => l.status_id === 142);
  const lost = all.filter((l) => l.status_id === 143);
  const open = all.filter((l) => l.status_id !== 142 && l.status_id !== 143);
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: account.currency, maximumFractionDigits: 0 });
  // The app sums price_with_minor_units (the price with its cents) when Kommo sends it.
  const sum = (leads: WireLead[]) => leads.reduce((s, l) => s + (l.price_with_minor_units ?? l.price ?? 0), 0);

  await page.goto('/');
  await page.getByRole('button', { name: 'Load all' }).click();
  await expect(page.getByRole('status').filter({ hasText: `All ${all.length.toLocaleString('en-US')} leads loaded` })).toBeVisible({
    timeout: 45_000,
  });
  await page.getByRole('button', { name: 'Summary' }).click();
  const drawer = page.getByRole('dialog', { name: 'Summary of the loaded leads' });

  expect(won.length + lost.length).toBeGreaterThan(0);
  const rate = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(won.length / (won.length + lost.length));
  await expect(drawer.getByTestId('summary-win-rate')).toHaveText(rate);
  await expect(drawer.getByTestId('summary-win-rate-detail')).toHaveText(
    `${won.length.toLocaleString('en-US')} won of ${(won.length + lost.length).toLocaleString('en-US')} closed`,
  );
  await expect(drawer.getByTestId('summary-open-value')).toHaveText(money.format(sum(open)));
  await expect(drawer.getByTestId('summary-won-value')).toHaveText(money.format(sum(won)));

  // Each pipeline with leads has its own chart whose axis names its stages.
  const first = pipelines._embedded.pipelines.find((p) => all.some((l) => p._embedded.statuses.some((s) => s.id === l.status_id)));
  await expect(drawer.getByText(first!.name, { exact: true }).first()).toBeVisible();
  const stageName = first!._embedded.statuses.find((s) => s.id !== 142 && s.id !== 143 && all.some((l) => l.status_id === s.id))!.name;
  await expect.poll(() => drawer.locator('.recharts-yAxis-tick-labels text').allTextContents()).toContain(stageName);

  // Users are ordered by what the chart shows: by lead count, then by price once "Price" is chosen.
  const userRows = drawer.getByRole('table').nth(1).locator('tbody tr');
  const counts = await userRows.evaluateAll((rows) => rows.map((r) => Number((r.children[1]?.textContent ?? '').replace(/\D/g, ''))));
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  await drawer.getByText('Price', { exact: true }).click();
  const sums = await userRows.evaluateAll((rows) => rows.map((r) => Number((r.children[2]?.textContent ?? '').replace(/[^\d]/g, ''))));
  expect(sums).toEqual([...sums].sort((a, b) => b - a));
});

test('the scorecard: one row a responsible user, open value and overdue tasks as the loaded leads give, this period against the last', async ({
  page,
  request,
}) => {
  type Wire = WireLead & { responsible_user_id: number; closest_task_at: number | null };
  const all = await allWireLeads<Wire>(request);
  const account = (await (await request.get('/api/v4/account', { headers: API_HEADERS })).json()) as { currency: string };
  const users = (
    (await (await request.get('/api/v4/users?limit=250', { headers: API_HEADERS })).json()) as {
      _embedded: { users: { id: number; name: string }[] };
    }
  )._embedded.users;
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: account.currency, maximumFractionDigits: 0 });
  const openOf = (id: number) => all.filter((l) => l.responsible_user_id === id && l.status_id !== 142 && l.status_id !== 143);
  const value = (leads: Wire[]) => leads.reduce((s, l) => s + (l.price_with_minor_units ?? l.price ?? 0), 0);
  const top = [...new Set(all.map((l) => l.responsible_user_id))].sort((a, b) => value(openOf(b)) - value(openOf(a)))[0]!;

  await page.goto('/');
  await page.getByRole('button', { name: 'Load all' }).click();
  await expect(page.getByRole('status').filter({ hasText: `All ${all.length.toLocaleString('en-US')} leads loaded` })).toBeVisible({
    timeout: 45_000,
  });
  const now = Date.now() / 1000;
  await page.getByRole('button', { name: 'Summary' }).click();
  const drawer = page.getByRole('dialog', { name: 'Summary of the loaded leads' });
  const card = drawer.getByTestId('scorecard');
  await expect(card.getByRole('columnheader', { name: 'Open value' })).toBeVisible();
  const first = card.locator('tbody tr').first();
  await expect(first.getByRole('rowheader')).toHaveText(users.find((u) => u.id === top)!.name);
  await expect(first.locator('td').nth(0)).toHaveText(money.format(value(openOf(top))));
  await expect(first.locator('td').nth(3)).toHaveText(
    String(openOf(top).filter((l) => l.closest_task_at !== null && l.closest_task_at < now).length),
  );
  await expect(first.locator('td').nth(1)).toContainText('before:');
  await expect(card.locator('tbody tr')).toHaveCount(new Set(all.map((l) => l.responsible_user_id)).size);
  await drawer.getByText('This quarter', { exact: true }).click();
  await expect(drawer.getByRole('radio', { name: 'This quarter' })).toBeChecked();
});
