// Issue 23: a Spanish user's CSV opens in Excel set up for Spain (`;`, decimal comma, BOM), with the
// main contact's phone and e-mail in columns of their own, dates as the account shows them, and the
// view's name in the file name.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test } from './support/test';

test('Spanish CSV of a built-in view: semicolons, decimal comma, contact columns, the account\u2019s date format, the view in the file name', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('klb.language', 'es'));
  await page.goto('/?filter[price][from]=90000');
  await page.getByRole('grid').getByRole('row').nth(1).waitFor();
  await page.getByRole('button', { name: /^Vistas/ }).click();
  await page
    .getByRole('dialog', { name: /^Vistas/ })
    .getByRole('button', { name: 'Mis leads abiertos' })
    .click();
  await expect(page.getByRole('button', { name: /^Vistas/ })).toContainText('Mis leads abiertos');
  await page.getByRole('grid').getByRole('row').nth(1).waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportar CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^leads-Mis-leads-abiertos-\d{4}-\d{2}-\d{2}\.csv$/);

  const text = (await readFile(await file.path())).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { delimiter: ';' }).data.filter((r) => r.length > 1);
  const at = (name: string) => header!.indexOf(name);
  expect(at('Teléfono del contacto principal')).toBe(at('Contacto principal') + 1);
  expect(at('Correo del contacto principal')).toBe(at('Contacto principal') + 2);
  expect(rows.length).toBeGreaterThan(0);
  // Prices with a decimal comma or none, never a point; the demo account's d.m.Y H:i dates.
  const prices = rows.map((r) => r[at('Precio')]!).filter(Boolean);
  expect(prices.every((p) => /^-?\d+(,\d+)?$/.test(p))).toBe(true);
  const created = header!.findIndex((h) => h.startsWith('Creado el'));
  expect(rows.every((r) => /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/.test(r[created]!))).toBe(true);
  expect(rows.some((r) => /^'?\+?[\d\s()-]{6,}$/.test(r[at('Teléfono del contacto principal')]!))).toBe(true);
  expect(rows.some((r) => /@/.test(r[at('Correo del contacto principal')]!))).toBe(true);
});
