// Keyboard-only paths a manager takes every day, with the key presses counted: the grid's header is
// one Tab stop (not two per column), Esc closes an open lead back onto its row, the Views menu and
// the Summary hand focus back to their buttons, arrows move in the Views menu, and Esc on the
// filter drawer drops an unapplied draft.
import { API_HEADERS } from './support/api-headers';
import { focusTrapSettled } from './support/focus-trap';
import { FiltersPanel } from './pages/filters-panel';
import { LeadsPage } from './pages/leads-page';
import { expect, test, type Page } from './support/test';

type WireLead = { id: number; _embedded?: { contacts?: { id: number; is_main?: boolean }[] } };
type WireContact = { id: number; custom_fields_values?: { field_code?: string | null }[] | null };

/** What has the keyboard now: the element's role/name in a few words, for the test's messages. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.getAttribute('href') ?? el.textContent?.slice(0, 30) ?? ''}`;
  });

test('from the grid to the open lead’s first phone in 3 Tabs; Esc closes the lead and puts the keyboard back on its row', async ({
  page,
  request,
}) => {
  // A lead whose main contact has a phone.
  const answer = await request.get('/api/v4/leads?limit=100&with=contacts', { headers: API_HEADERS });
  const wire = ((await answer.json()) as { _embedded: { leads: WireLead[] } })._embedded.leads;
  const contactIds = wire.flatMap((l) => (l._embedded?.contacts ?? []).filter((c) => c.is_main).map((c) => c.id));
  const contactsAnswer = await request.get(`/api/v4/contacts?${contactIds.map((id) => `filter[id][]=${id}`).join('&')}`, { headers: API_HEADERS });
  const contacts = ((await contactsAnswer.json()) as { _embedded: { contacts: WireContact[] } })._embedded.contacts;
  const withPhone = new Set(contacts.filter((c) => c.custom_fields_values?.some((f) => f.field_code === 'PHONE')).map((c) => c.id));
  const lead = wire.find((l) => l._embedded?.contacts?.some((c) => c.is_main && withPhone.has(c.id)));
  expect(lead, 'a demo lead whose main contact has a phone').toBeDefined();

  const leads = new LeadsPage(page);
  await leads.goto(`?filter[id][]=${lead!.id}`);
  await leads.waitForRows();
  await leads.grid.focus();
  await page.keyboard.press('Enter');
  const panel = leads.grid.getByRole('gridcell', { name: /^Details of/ });
  await expect(panel.getByRole('link', { name: /^Call / }).first()).toBeVisible();

  let tabs = 0;
  while (!(await focused(page)).startsWith('a Call ') && tabs < 40) {
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  // The header row (one stop), the panel (scrollable, so focusable), then the first phone.
  expect(tabs, `Tabs from the grid to the first phone (now on: ${await focused(page)})`).toBe(3);
  // The grid did not scroll sideways on the way.
  expect(await leads.grid.evaluate((el) => el.scrollLeft)).toBe(0);

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(leads.grid).toBeFocused();
  expect(await leads.activeRowId()).toBe(`lead-row-${lead!.id}`);
  // Enter opens it again from where the keyboard is.
  await page.keyboard.press('Enter');
  await expect(leads.grid.getByRole('gridcell', { name: /^Details of/ })).toBeVisible();
});

test('the header is crossed with arrows: one Tab into it, → to the next sort button, and Tab comes back to that one', async ({ page }) => {
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();
  await leads.grid.focus();
  await page.keyboard.press('Tab');
  const first = await focused(page);
  expect(first).toMatch(/^button/);
  await page.keyboard.press('ArrowRight');
  const second = await focused(page);
  expect(second).toMatch(/^button/);
  expect(second).not.toBe(first);
  // Shift+Tab back to the grid, Tab again: the header's stop is the button last used.
  await page.keyboard.press('Shift+Tab');
  await expect(leads.grid).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(second);
});

test('Views: arrows move between views, Enter applies one and the keyboard is back on Views', async ({ page }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  await leads.goto();
  await leads.waitForRows();
  await filters.viewsButton.focus();
  await page.keyboard.press('Enter');
  await expect(filters.viewsDialog).toBeVisible();
  const myOpenLeads = filters.viewsDialog.getByRole('button', { name: 'My open leads' });
  const views = filters.viewsDialog.getByRole('button', { name: 'Won this month' });
  // The focus trap starts on the first view, a task after the menu mounts: the keys wait for it, as a
  // user's do (a focus set on a view before then was taken back to the first one, and ↓ went from there).
  await expect(filters.viewsDialog.getByRole('button', { name: /^What needs my attention/ })).toBeFocused();
  await focusTrapSettled(filters.viewsDialog);
  await page.keyboard.press('ArrowDown');
  await expect(myOpenLeads).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(views).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(myOpenLeads).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(views).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(filters.viewsDialog).toBeHidden();
  await expect(page).toHaveURL(/closed_at/);
  await expect(filters.viewsButton).toBeFocused();
});

test('Views opened before its menu has downloaded: the keyboard starts on the first view once it arrives, and ↓ moves', async ({ page }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  // The menu's chunk is held until the dialog is open (a slow network, a phone): the focus trap opens on a loader.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/saved-views-dropdown-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await leads.goto();
  await leads.waitForRows();
  await filters.viewsButton.focus();
  await page.keyboard.press('Enter');
  await expect(filters.viewsDialog).toBeVisible();
  release();
  // The first view is "What needs my attention" (with its count once known); ↓ reaches "My open leads".
  await expect(filters.viewsDialog.getByRole('button', { name: /^What needs my attention/ })).toBeFocused();
  await focusTrapSettled(filters.viewsDialog);
  await page.keyboard.press('ArrowDown');
  await expect(filters.viewsDialog.getByRole('button', { name: 'My open leads' })).toBeFocused();
});

test('Summary: Esc closes it and the keyboard is back on Summary', async ({ page }) => {
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();
  const button = page.getByRole('button', { name: 'Summary', exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  const summary = page.getByRole('dialog', { name: /Summary/ });
  await expect(summary.getByTestId('summary-count')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(summary).toBeHidden();
  await expect(button).toBeFocused();
});

test('Esc on the filter drawer drops the unapplied draft: reopened, it shows the view as it is', async ({ page }) => {
  const leads = new LeadsPage(page);
  const filters = new FiltersPanel(page);
  await leads.goto();
  await leads.waitForRows();
  await filters.open();
  const withoutTasks = filters.dialog.getByRole('switch', { name: 'Only leads without tasks' });
  await withoutTasks.focus();
  await page.keyboard.press('Space');
  await expect(withoutTasks).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(filters.dialog).toBeHidden();
  await expect(filters.openButton).toBeFocused();
  await expect(page).not.toHaveURL(/tasks=none/);
  await filters.open();
  await expect(withoutTasks).not.toBeChecked();
});
