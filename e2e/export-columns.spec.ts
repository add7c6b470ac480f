// The CSV's columns against the demo account: pipeline and stage apart, the account's zone in the
// date headers and in the file name, product prices; no Kommo link column (the demo has no Kommo page).
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test } from './support/test';
import { API_HEADERS } from './support/api-headers';

type WireLead = { id: number; _embedded?: { catalog_elements?: unknown[] } };

test('the CSV has pipeline and stage apart, zoned date headers, product prices, and is dated in the account’s zone', async ({ page, request }) => {
  const account = (await (await request.get('/api/v4/account?with=datetime_settings', { headers: API_HEADERS })).json()) as {
    _embedded?: { datetime_settings?: { timezone: string } };
    datetime_settings?: { timezone: string };
  };
  const zone = account._embedded?.datetime_settings?.timezone ?? account.datetime_settings?.timezone ?? 'UTC';
  const wire = (
    (await (await request.get('/api/v4/leads?limit=50&with=catalog_elements', { headers: API_HEADERS })).json()) as {
      _embedded: { leads: WireLead[] };
    }
  )._embedded.leads;
  const withProducts = wire.filter((l) => (l._embedded?.catalog_elements?.length ?? 0) > 0).slice(0, 3);
  expect(withProducts.length).toBeGreaterThan(0);

  await page.goto(`/?${withProducts.map((l) => `filter[id][]=${l.id}`).join('&')}`);
  // Products is hidden by default: show it from the column chooser.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Products', exact: true }).check();
  await page.keyboard.press('Escape');
  const before = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const after = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  expect([`leads-${before}.csv`, `leads-${after}.csv`]).toContain(file.suggestedFilename());

  const parsed = Papa.parse<string[]>((await readFile(await file.path())).toString('utf8').slice(1), { delimiter: ',' });
  const [header, ...rows] = parsed.data;
  expect(header).toContain('Pipeline');
  expect(header!.indexOf('Stage')).toBe(header!.indexOf('Pipeline') + 1);
  expect(header).toContain(`Created at (${zone})`);
  expect(header).toContain(`Updated at (${zone})`);
  expect(header).not.toContain('Link in Kommo');
  const stages = rows.map((r) => r[header!.indexOf('Stage')] ?? '');
  expect(stages.every((s) => s !== '' && !s.includes('('))).toBe(true);
  const products = rows.map((r) => r[header!.indexOf('Products')] ?? '');
  expect(products.some((p) => /× \d+ @ \d+(\.\d+)?/.test(p))).toBe(true);
});

test('an export started before the account’s custom fields arrive waits for them and writes their columns', async ({ page }) => {
  // The custom fields (names of their columns) are held until the export has started and fetched its writers.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v4\/leads\/custom_fields/, async (route) => {
    await held;
    await route.continue();
  });
  const writers = page.waitForResponse(/\/assets\/export-leads-[\w-]+\.js$/);
  await page.goto('/?filter[price][from]=90000');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await writers;
  release();
  const parsed = Papa.parse<string[]>((await readFile(await (await download).path())).toString('utf8').slice(1), { delimiter: ',' });
  const [header] = parsed.data;

  // The same export once everything is in: the same columns, custom fields included.
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const settled = Papa.parse<string[]>((await readFile(await (await again).path())).toString('utf8').slice(1), { delimiter: ',' }).data[0];
  expect(header).toEqual(settled);
  const wire = await page.request.get('/api/v4/leads/custom_fields', { headers: API_HEADERS });
  const fieldNames = ((await wire.json()) as { _embedded: { custom_fields: { name: string }[] } })._embedded.custom_fields.map((f) => f.name);
  expect(header!.filter((h) => fieldNames.includes(h)).length).toBeGreaterThan(0);
});
