// Sorting against the real server and its demo account: newest first by default, Kommo's three
// server orders, and any column once the whole view is loaded (price, a numeric custom field).
import type { APIRequestContext } from '@playwright/test';
import { expect, test, type Page } from './support/test';
import { allWireLeads } from './support/all-wire-leads';
import { API_HEADERS } from './support/api-headers';
import { LeadsPage } from './pages/leads-page';

type WireLead = {
  id: number;
  price: number | null;
  price_with_minor_units?: number | null;
  custom_fields_values: { field_id: number; values: { value: unknown }[] }[] | null;
};

async function leadsPage(request: APIRequestContext, search: string): Promise<WireLead[]> {
  const res = await request.get(`/api/v4/leads?limit=250&${search}`, { headers: API_HEADERS });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { _embedded: { leads: WireLead[] } })._embedded.leads;
}

async function firstIds(leads: LeadsPage, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push(Number(await leads.cell(leads.rowByIndex(i), 'id').innerText()));
  return ids;
}

/** The number a cell shows ("$12,345" → 12345, "1,234" → 1234); null for an empty cell. */
async function cellNumber(leads: LeadsPage, index: number, column: string): Promise<number | null> {
  const text = (await leads.cell(leads.rowByIndex(index), column).innerText()).trim();
  const digits = text.replace(/[^\d.-]/g, '');
  return digits ? Number(digits) : null;
}

async function loadAll(page: Page, total: number) {
  await page.getByRole('button', { name: 'Load all' }).click();
  await expect(page.getByRole('status').filter({ hasText: `All ${total.toLocaleString('en-US')} leads loaded` })).toBeVisible({ timeout: 45_000 });
}

test('an empty address shows the newest leads first; a link with its own order keeps it', async ({ page, request }) => {
  const leads = new LeadsPage(page);
  const newest = (await leadsPage(request, 'order[created_at]=desc')).slice(0, 3).map((l) => l.id);
  await leads.goto();
  await leads.waitForRows();
  expect(await firstIds(leads, 3)).toEqual(newest);
  await expect(leads.grid.getByRole('columnheader', { name: 'Created at' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/\/$/);

  const oldest = (await leadsPage(request, 'order[id]=asc')).slice(0, 3).map((l) => l.id);
  await leads.goto('?order[id]=asc');
  await leads.waitForRows();
  expect(await firstIds(leads, 3)).toEqual(oldest);
  await expect(leads.grid.getByRole('columnheader', { name: 'ID' })).toHaveAttribute('aria-sort', 'ascending');
});

test('price and a custom field sort in the browser once every lead is loaded, and say so', async ({ page, request }) => {
  const all = await allWireLeads<WireLead>(request);
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();

  // Not all loaded: only Kommo's orders; the price header explains and the sort waits for Load all.
  const priceHeader = leads.grid.getByRole('columnheader', { name: 'Price' });
  await expect(priceHeader.getByRole('button')).toHaveAttribute('title', /Kommo sorts only by ID, created and updated/);
  await priceHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=price:desc/);
  const note = page.getByTestId('local-sort-note');
  await expect(note).toContainText('Sorting by Price waits for every lead of this view: use Load all');
  await expect(priceHeader).toHaveAttribute('aria-sort', 'none');

  await loadAll(page, all.length);
  await expect(note).toContainText(
    `Sorted in the browser by Price (descending): all ${all.length.toLocaleString('en-US')} leads of this view loaded.`,
  );
  await expect(priceHeader).toHaveAttribute('aria-sort', 'descending');
  // The table shows price_with_minor_units (the price with its cents) when Kommo sends it.
  const maxPrice = Math.max(...all.map((l) => l.price_with_minor_units ?? l.price ?? Number.NEGATIVE_INFINITY));
  expect(await cellNumber(leads, 0, 'price')).toBe(maxPrice);
  const prices = [];
  for (let i = 0; i < 10; i++) prices.push(await cellNumber(leads, i, 'price'));
  expect(prices).toEqual([...prices].sort((a, b) => (b ?? 0) - (a ?? 0)));

  // A numeric custom field (Seats): numbers, largest first, then smallest first on a second click.
  const seats = all
    .map((l) => l.custom_fields_values?.find((v) => v.field_id === 1120004)?.values[0]?.value)
    .filter((v) => v !== undefined)
    .map(Number);
  const seatsHeader = leads.grid.getByRole('columnheader', { name: 'Seats' });
  await seatsHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=cf_1120004:desc/);
  await expect(seatsHeader).toHaveAttribute('aria-sort', 'descending');
  await leads.scrollToColumn('cf_1120004');
  expect(await cellNumber(leads, 0, 'cf_1120004')).toBe(Math.max(...seats));
  await seatsHeader.getByRole('button').click();
  await expect(seatsHeader).toHaveAttribute('aria-sort', 'ascending');
  expect(await cellNumber(leads, 0, 'cf_1120004')).toBe(Math.min(...seats));

  // Back (history) returns to the previous sort; "Clear sort" to Kommo’s order, newest first.
  await page.goBack();
  await expect(seatsHeader).toHaveAttribute('aria-sort', 'descending');
  await note.getByRole('button', { name: 'Clear sort' }).click();
  await expect(note).toBeHidden();
  await expect(leads.grid.getByRole('columnheader', { name: 'Created at' })).toHaveAttribute('aria-sort', 'descending');
});
