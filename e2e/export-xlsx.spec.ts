// The XLSX export in Chromium: ExcelJS is fetched on the click (not with the first screen), the file
// opens with one row per lead, ids and prices as numbers, dates as dates.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { API_HEADERS } from './support/api-headers';
import { expect, test } from './support/test';

// Kommo sends the price with its cents in price_with_minor_units when the account uses them.
type WireLead = { id: number; price: number | null; price_with_minor_units?: number | null; created_at: number };

test('Export XLSX downloads a workbook with typed cells for every lead of the view', async ({ page, request }) => {
  const expected: WireLead[] = [];
  for (let n = 1; n <= 400; n++) {
    const res = await request.get(`/api/v4/leads?limit=250&page=${n}`, { headers: API_HEADERS });
    if (res.status() === 204) break;
    const body = (await res.json()) as { _embedded: { leads: WireLead[] }; _links: { next?: unknown } };
    expected.push(...body._embedded.leads);
    if (!body._links.next) break;
  }
  const excelRequests: string[] = [];
  page.on('request', (r) => {
    if (/exceljs|xlsx-writer\.worker/.test(r.url())) excelRequests.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Load all' })).toBeVisible();
  expect(excelRequests).toEqual([]);

  const download = page.waitForEvent('download', { timeout: 55_000 });
  await page.getByRole('button', { name: 'Export XLSX' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(excelRequests).toHaveLength(1);

  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile(await file.path());
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const idColumn = header.indexOf('ID') + 1;
  const priceColumn = header.indexOf('Price') + 1;
  const createdColumn = header.findIndex((h) => typeof h === 'string' && h.startsWith('Created at (')) + 1;
  expect(idColumn).toBeGreaterThan(0);
  expect(priceColumn).toBeGreaterThan(0);
  expect(createdColumn).toBeGreaterThan(0);
  expect(sheet.rowCount - 1).toBe(expected.length);
  const byId = new Map(expected.map((l) => [l.id, l]));
  for (let r = 2; r <= Math.min(sheet.rowCount, 60); r++) {
    const row = sheet.getRow(r);
    const id = row.getCell(idColumn).value;
    expect(typeof id).toBe('number');
    const lead = byId.get(id as number)!;
    expect(lead).toBeDefined();
    const price = lead.price_with_minor_units ?? lead.price;
    if (priceColumn > 0 && price !== null) expect(row.getCell(priceColumn).value).toBe(price);
    if (createdColumn > 0) expect(row.getCell(createdColumn).value).toBeInstanceOf(Date);
  }
});

test('the XLSX button follows the language', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Export XLSX' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('button', { name: 'Exportar XLSX' })).toHaveAttribute('title', /libro de Excel/);
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('pt');
  await expect(page.getByRole('button', { name: 'Exportar XLSX' })).toHaveAttribute('title', /pasta de trabalho do Excel/);
});
