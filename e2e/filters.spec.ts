// Filters against the real server and demo account: the form writes the URL, the URL is the view
// (reload, back/forward, a fresh browser), several stages merge in order, garbage is survivable.
import { expect, test, type Page } from './support/test';
import { FiltersPanel } from './pages/filters-panel';
import { LeadsPage } from './pages/leads-page';
import { API_HEADERS } from './support/api-headers';

type Pipelines = { _embedded: { pipelines: { id: number; name: string; _embedded: { statuses: { id: number; name: string; sort: number }[] } }[] } };
type Users = { _embedded: { users: { id: number; name: string; rights?: { is_active: boolean } }[] } };

const ROWS_CHECKED = 15;

/**
 * The rendered rows' cells of one column, in row order (the grid is virtualised: only rendered rows,
 * and only the columns in view, so the column is scrolled into view first).
 */
async function columnTexts(leads: LeadsPage, column: string, count = ROWS_CHECKED): Promise<string[]> {
  await leads.waitForRows();
  await leads.scrollToColumn(column);
  const rows = await leads.bodyRows.evaluateAll(
    (els, col) =>
      els
        .map((el) => ({
          index: Number(el.getAttribute('aria-rowindex')),
          text: el.querySelector(`[role=gridcell][data-col="${col}"]`)?.textContent ?? null,
        }))
        .filter((r): r is { index: number; text: string } => r.text !== null)
        .sort((a, b) => a.index - b.index)
        .map((r) => r.text.replace(/\s+/g, ' ').trim()),
    column,
  );
  return rows.slice(0, count);
}

async function visibleIds(leads: LeadsPage, count = ROWS_CHECKED): Promise<number[]> {
  return (await columnTexts(leads, 'id', count)).map(Number);
}

async function reference(page: Page) {
  const pipelines = (await (await page.request.get('/api/v4/leads/pipelines', { headers: API_HEADERS })).json()) as Pipelines;
  const users = (await (await page.request.get('/api/v4/users?limit=250', { headers: API_HEADERS })).json()) as Users;
  return { pipelines: pipelines._embedded.pipelines, users: users._embedded.users };
}

function isDescending(ids: number[]) {
  return ids.every((id, i) => i === 0 || ids[i - 1]! > id);
}

test('a filter built in the form lives in the URL: reload, back, forward, a fresh browser', async ({ page, browser, baseURL }) => {
  // Four full page loads (form, reload, history, a second browser) on a shared CI box.
  test.setTimeout(120_000);
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  const { users } = await reference(page);
  const someone = users.find((u) => u.rights?.is_active !== false)!;

  await leads.goto();
  await leads.waitForRows();
  await filters.open();
  await filters.pickUser('Responsible user', someone.name);
  await filters.orderBy('ID', 'Ascending');
  await filters.apply();

  await expect(page).toHaveURL(new RegExp(`filter\\[responsible_user_id\\]\\[\\]=${someone.id}`));
  await expect(page).toHaveURL(/order\[id\]=asc/);
  await expect(filters.chip(`Responsible: ${someone.name}`)).toBeVisible();
  await expect.poll(async () => (await columnTexts(leads, 'responsible')).every((t) => t.startsWith(someone.name))).toBe(true);
  const ids = await visibleIds(leads);
  expect(ids.length).toBeGreaterThan(1);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  const filteredUrl = page.url();

  await page.reload();
  await expect.poll(() => visibleIds(leads)).toEqual(ids);
  await expect(filters.chip(`Responsible: ${someone.name}`)).toBeVisible();

  await page.goBack();
  await expect(page).not.toHaveURL(/responsible_user_id/);
  await expect(filters.chips).toHaveCount(0);
  await expect.poll(async () => (await visibleIds(leads)).join()).not.toBe(ids.join());

  await page.goForward();
  await expect(page).toHaveURL(filteredUrl);
  await expect.poll(() => visibleIds(leads)).toEqual(ids);
  // The form shows the URL's state, not what was typed before.
  await filters.open();
  // The picked user's pill (the closed dropdowns' options are in the drawer too, hidden).
  await expect(filters.dialog.getByText(someone.name, { exact: true }).filter({ visible: true })).toBeVisible();
  await page.keyboard.press('Escape');

  const fresh = await browser.newContext({ baseURL });
  try {
    const other = await fresh.newPage();
    await other.goto(filteredUrl);
    await expect.poll(() => visibleIds(new LeadsPage(other))).toEqual(ids);
    await expect(new FiltersPanel(other).chip(`Responsible: ${someone.name}`)).toBeVisible();
  } finally {
    await fresh.close();
  }
});

test('three stages in two pipelines show one merged list in order', async ({ page }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  const { pipelines } = await reference(page);
  const [a, b] = pipelines;
  const open = (p: NonNullable<typeof a>) => [...p._embedded.statuses].sort((x, y) => x.sort - y.sort).filter((s) => s.id !== 142 && s.id !== 143);
  const picks = [
    [a!, open(a!)[0]!],
    [a!, open(a!)[1]!],
    [b!, open(b!)[0]!],
  ] as const;

  await leads.goto('?order[id]=desc');
  await leads.waitForRows();
  await filters.open();
  for (const [p, s] of picks) await filters.stage(p.name, s.name).check();
  await expect(filters.dialog.getByText('3 stages selected')).toBeVisible();
  await filters.apply();

  for (let i = 0; i < 3; i++) await expect(page).toHaveURL(new RegExp(`filter\\[statuses\\]\\[${i}\\]\\[status_id\\]=${picks[i]![1].id}`));
  // Two stages of one pipeline fold into one chip; the lone one is named.
  await expect(filters.chip(`${a!.name}: 2 stages`)).toBeVisible();
  await expect(filters.chip(`Stage: ${b!.name} › ${picks[2][1].name}`)).toBeVisible();
  // The stage cell reads "Stage · Pipeline".
  const allowed = picks.map(([p, s]) => `${s.name} · ${p.name}`);
  await expect.poll(async () => (await columnTexts(leads, 'stage')).filter((t) => !allowed.includes(t))).toEqual([]);
  const stages = new Set(await columnTexts(leads, 'stage', 60));
  expect(stages.size, 'rows from more than one stream').toBeGreaterThan(1);
  const ids = await visibleIds(leads, 60);
  expect(isDescending(ids)).toBe(true);

  // Further pages keep the merged order. The count is read before the scroll: it is 250 already, so
  // the rows on screen (ids.length) said nothing of a further page, and the poll passed before one came.
  const firstPage = await leads.loadedCount();
  await leads.scrollToBottom();
  await expect.poll(() => leads.loadedCount()).toBeGreaterThan(firstPage);
  const after = await visibleIds(leads, 60);
  expect(isDescending(after)).toBe(true);

  // One stage chip removed: two stages remain.
  await filters.removeChip(`Stage: ${picks[2]![0].name} › ${picks[2]![1].name}`);
  await expect(page).not.toHaveURL(/filter\[statuses\]\[2\]/);
  await expect(filters.chips.filter({ hasText: /^Stage:/ })).toHaveCount(0);
  await expect(filters.chip(`${a!.name}: 2 stages`)).toBeVisible();
});

test('a URL full of garbage shows the notice and a working page', async ({ page }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  const garbage = [
    'foo=bar',
    'filter[id][]=abc',
    'order[id]=sideways',
    'filter[statuses][0][pipeline_id]=1',
    '%E0%A4%A=1',
    '__proto__[polluted]=1',
    'constructor=x',
    'with=everything',
    'filter[created_at][from]=20&filter[created_at][to]=10',
    'order[created_at]=asc',
  ].join('&');
  await leads.goto(`?${garbage}`);
  await expect(filters.notice).toBeVisible();
  await expect(filters.notice).toContainText('Part of the link was ignored');
  // Named as the panel names the filter, repeats folded into one line.
  await expect(filters.notice).toContainText('Lead IDs: not a whole number');
  await expect(filters.notice).toContainText('not a whole number');
  await expect(filters.notice).toContainText('order must be asc or desc');
  // The valid part (order by created_at ascending) is applied: the oldest lead's header says so (an order is not a filter chip).
  await expect(page.getByRole('columnheader', { name: 'Created at' })).toHaveAttribute('aria-sort', 'ascending');
  await leads.waitForRows();
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();

  await filters.notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(filters.notice).toBeHidden();
  // The page still works: a filter applied from here replaces the garbage.
  await filters.open();
  await filters.orderBy('ID', 'Descending');
  await filters.apply();
  await expect(page).toHaveURL(/\?order\[id\]=desc$/);
  await expect(filters.notice).toBeHidden();
  await expect.poll(async () => isDescending(await visibleIds(leads))).toBe(true);
});

test('inline validation stops a bad filter from being applied', async ({ page }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  await leads.goto();
  await filters.open();
  const ids = filters.dialog.getByRole('combobox', { name: 'Lead IDs' });
  await ids.fill('12,abc');
  await ids.press('Enter');
  await filters.dialog.getByText('From / to', { exact: true }).click();
  await filters.dialog.getByRole('textbox', { name: 'Price from' }).fill('500');
  await filters.dialog.getByRole('textbox', { name: 'Price to' }).fill('100');
  await filters.dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(filters.dialog.getByText('"abc" is not a whole number')).toBeVisible();
  await expect(filters.dialog.getByText('"From" is after "to"')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});

test('saved views: save, apply, rename, delete; built-in views; copy link', async ({ page, context }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  await leads.goto('?order[id]=asc&filter[price][from]=1000');
  await leads.waitForRows();

  await filters.viewsButton.click();
  await filters.viewsDialog.getByRole('textbox', { name: 'Name the current view' }).fill('Cheap first');
  await filters.viewsDialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(filters.viewsDialog.getByRole('button', { name: 'Apply view Cheap first' })).toBeVisible();

  // A built-in view replaces the URL; the saved one brings it back, also after a reload.
  await filters.viewsDialog.getByRole('button', { name: 'Won this month' }).click();
  await expect(page).toHaveURL(/filter\[statuses\]\[0\]\[status_id\]=142/);
  // "This month" is a rolling preset: the link stays this month whenever it is opened.
  await expect(page).toHaveURL(/date\[closed_at\]=thisMonth/);
  await page.reload();
  await filters.viewsButton.click();
  await expect(filters.viewsDialog.getByRole('button', { name: 'Leads without tasks' })).toBeEnabled();
  await filters.viewsDialog.getByRole('button', { name: 'Apply view Cheap first' }).click();
  await expect(page).toHaveURL(/\?order\[id\]=asc&filter\[price\]\[from\]=1000$/);

  await filters.viewsButton.click();
  await filters.viewsDialog.getByRole('button', { name: 'Rename Cheap first' }).click();
  const rename = filters.viewsDialog.getByRole('textbox', { name: 'New name for Cheap first' });
  await rename.fill('Oldest over 1000');
  await rename.press('Enter');
  await expect(filters.viewsDialog.getByRole('button', { name: 'Apply view Oldest over 1000' })).toBeVisible();
  await filters.viewsDialog.getByRole('button', { name: 'Delete Oldest over 1000' }).click();
  await expect(filters.viewsDialog.getByText(/No saved views yet/)).toBeVisible();
  await page.keyboard.press('Escape');

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('built-in "leads without tasks": every row has no closest task, the URL says tasks=none, reload keeps it', async ({ page }) => {
  // The "Closest task" column is hidden by default: show it through the table's stored preferences.
  const prefs = { visibility: { closest_task_at: true }, order: [], sizing: {}, density: 'normal' };
  await page.addInitScript((p) => window.localStorage.setItem('klb.leadsTable.columns.v1', p), JSON.stringify(prefs));
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  await leads.goto();
  // Unfiltered, the demo account has leads with a task among the first rows: the check below is not vacuous.
  expect((await columnTexts(leads, 'closest_task_at', 40)).some((t) => t !== '')).toBe(true);

  await filters.viewsButton.click();
  await filters.viewsDialog.getByRole('button', { name: 'Leads without tasks' }).click();
  await expect(page).toHaveURL(/[?&]tasks=none(&|$)/);
  await expect(page).toHaveURL(/order\[updated_at\]=asc/);
  await expect(filters.chip('Without tasks')).toBeVisible();

  const expectNoTasks = async () => {
    await expect.poll(() => leads.loadedCount()).toBeGreaterThan(0);
    const cells = await columnTexts(leads, 'closest_task_at', 60);
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.filter((t) => t !== '')).toEqual([]);
  };
  await expectNoTasks();
  await expect(leads.status).toContainText(/leads? loaded/);
  // Further pages honour the filter too.
  await leads.scrollToBottom();
  await expectNoTasks();

  await page.reload();
  await expect(page).toHaveURL(/[?&]tasks=none(&|$)/);
  await expect(filters.chip('Without tasks')).toBeVisible();
  await expectNoTasks();

  // The chip removes only the post-filter: tasks come back, the rest of the view stays.
  await filters.removeChip('Without tasks');
  await expect(page).not.toHaveURL(/tasks=none/);
  await expect(page).toHaveURL(/order\[updated_at\]=asc/);
  await expect.poll(async () => (await columnTexts(leads, 'closest_task_at', 60)).some((t) => t !== '')).toBe(true);
  await page.goBack();
  await expect(page).toHaveURL(/[?&]tasks=none(&|$)/);
  await expectNoTasks();
});

test('corrupt saved views in storage never break the page', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('klb.saved-views.v1', '{not json'));
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  await leads.goto();
  await leads.waitForRows();
  await filters.viewsButton.click();
  await expect(filters.viewsDialog.getByText(/No saved views yet/)).toBeVisible();
});

test('deleted leads mode says what Kommo returns', async ({ page }) => {
  const filters = new FiltersPanel(page);
  await page.goto('/');
  await filters.open();
  const deletedOnly = filters.dialog.getByRole('switch', { name: 'Deleted leads only' });
  // The switch sits low in a scrolling drawer: bring it into view as a user would, then toggle it.
  await deletedOnly.scrollIntoViewIfNeeded();
  await deletedOnly.check({ force: true });
  await expect(filters.dialog.getByText(/only deleted leads that can still be restored/)).toBeVisible();
  await filters.apply();
  await expect(page).toHaveURL(/with=only_deleted/);
  await expect(filters.chip('Deleted leads only')).toBeVisible();
});

test('a quick date range is a rolling preset, asked of Kommo as a day range in the account timezone', async ({ page }) => {
  const filters = new FiltersPanel(page);
  // As Kommo sends it: the settings under _embedded.
  const { _embedded: account } = (await (await page.request.get('/api/v4/account?with=datetime_settings', { headers: API_HEADERS })).json()) as {
    _embedded: { datetime_settings: { timezone: string } };
  };
  await page.goto('/');
  await filters.open();
  await expect(filters.dialog.getByText(`Days in the account's timezone (${account.datetime_settings.timezone})`)).toBeVisible();
  await filters.dialog.getByRole('button', { name: 'Created', exact: true }).click();
  await page.getByRole('button', { name: 'Last month', exact: true }).click();
  const asked = page.waitForRequest(
    (r) => new URL(r.url()).pathname === '/api/v4/leads' && new URL(r.url()).searchParams.has('filter[created_at][from]'),
  );
  await filters.apply();
  await expect(page).toHaveURL(/date\[created_at\]=lastMonth/);
  const url = new URL((await asked).url());
  const from = Number(url.searchParams.get('filter[created_at][from]'));
  const to = Number(url.searchParams.get('filter[created_at][to]'));
  // From the first midnight to one second before a later midnight, both in the account's zone.
  const hourIn = (s: number) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: account.datetime_settings.timezone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(s * 1000);
  expect(hourIn(from)).toBe('00:00:00');
  expect(hourIn(to)).toBe('23:59:59');
  expect(to - from + 1).toBeGreaterThanOrEqual(28 * 86_400 - 3600);
  await expect(filters.chip('Created: Last month')).toBeVisible();
});

test('"open leads only" is a rule in the link: Kommo is asked for every open stage the pipelines list now, never a closed one', async ({ page }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  const pipelines = ((await (await page.request.get('/api/v4/leads/pipelines', { headers: API_HEADERS })).json()) as Pipelines)._embedded.pipelines;
  const asked = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname !== '/api/v4/leads') return;
    const pipelineId = url.searchParams.get('filter[statuses][0][pipeline_id]');
    const statusId = url.searchParams.get('filter[statuses][0][status_id]');
    if (pipelineId && statusId) asked.add(`${pipelineId}:${statusId}`);
  });
  await leads.goto('?open=all');
  await leads.waitForRows();
  await expect(filters.chip('Open leads only')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Quick filters' }).getByRole('checkbox', { name: 'Open leads only' })).toBeChecked();
  const open = pipelines
    .filter((p) => !(p as { is_archive?: boolean }).is_archive)
    .flatMap((p) => p._embedded.statuses.filter((s) => s.id !== 142 && s.id !== 143).map((s) => `${p.id}:${s.id}`));
  await expect.poll(() => [...asked].sort()).toEqual([...open].sort());
  // Removing the chip removes the rule, and nothing else was written for it.
  await filters.removeChip('Open leads only');
  await expect(page).not.toHaveURL(/open=/);
  await expect(page).not.toHaveURL(/statuses/);
});
