// What the first screen does not run comes in chunks fetched on demand (the open row, the phone's
// "More" drawer, the filter form, the column chooser...). A chunk that cannot be downloaded says so
// where it was asked for, the rest of the page keeps working, and "Try again" fetches it anew.
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { LeadsPage } from './pages/leads-page';

/** Makes the chunk files named `<name>-<hash>.js` fail (as offline, or after a deploy replaced them) until the returned function runs. */
async function failChunk(page: Page, name: string): Promise<() => Promise<void>> {
  const pattern = new RegExp(`/assets/${name}-[\\w-]+\\.js$`);
  await page.route(pattern, (route) => route.abort('internetdisconnected'));
  return () => page.unroute(pattern);
}

test.beforeEach(({ pageErrors }) => {
  // The browser and React report the failed download on the console; the page itself says what happened.
  pageErrors.allow(/Failed to load resource|dynamically imported module|ChunkLoadError|chunk of the app could not be downloaded|error boundary/i);
});

test('an open row whose chunk cannot be downloaded keeps its place and name, says why, and "Try again" fills it', async ({ page }) => {
  const restore = await failChunk(page, 'lead-expanded-panel');
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();
  const row = leads.rowByIndex(0);
  await row.getByRole('button', { name: /^Show details of/ }).click();
  const panel = row.getByRole('gridcell', { name: /^Details of/ });
  await expect(panel.getByRole('alert')).toContainText('This part of the dashboard could not be downloaded; check the connection.');
  // The box, the lead's name and the grid around it are all there.
  await expect(panel.getByRole('heading', { level: 2 })).not.toBeEmpty();
  await expect(leads.rowByIndex(1)).toBeVisible();

  await restore();
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(panel.getByRole('heading', { name: 'Contacts' })).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);
});

test('on a phone, a "More" drawer that cannot be downloaded says so in the toolbar; "Try again" opens it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const restore = await failChunk(page, 'side-drawer');
  const leads = new LeadsPage(page);
  await leads.goto();
  await expect(leads.cards.first()).toBeVisible();
  await page.getByRole('button', { name: 'More', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be downloaded' })).toBeVisible();
  // The cards are untouched.
  await expect(leads.cards.first()).toBeVisible();

  await restore();
  await page.getByRole('button', { name: 'Try again' }).click();
  const menu = page.getByRole('dialog', { name: 'Quick filters and actions' });
  await expect(menu.getByRole('button', { name: 'Load all' })).toBeVisible();
});

test('Load all whose walk cannot be downloaded says so beside the button; "Try again" walks', async ({ page }) => {
  const restore = await failChunk(page, 'start-load-all-walk');
  const leads = new LeadsPage(page);
  await leads.goto('?filter[price][from]=90000');
  await leads.waitForRows();
  await page.getByRole('button', { name: 'Load all' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be downloaded' })).toBeVisible();

  await restore();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^All [\d,]+ leads? loaded$/ })).toBeVisible({ timeout: 30_000 });
});

test('an English reader downloads no Spanish or Portuguese words; choosing Português fetches them once and the page speaks it', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    const name = /\/assets\/_klb-translations_(\w+)-/.exec(request.url())?.[1];
    if (name) fetched.push(name);
  });
  await page.addInitScript(() => localStorage.setItem('klb.language', 'en'));
  const leads = new LeadsPage(page);
  await leads.goto();
  await leads.waitForRows();
  await expect(page.getByRole('button', { name: 'Load all' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(fetched).toEqual([]);

  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt');
  await expect(page.getByRole('button', { name: 'Carregar tudo' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pt');
  // Back and forth: the words are kept, not fetched again.
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Load all' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('pt');
  await expect(page.getByRole('button', { name: 'Carregar tudo' })).toBeVisible();
  expect(fetched).toEqual(['pt']);
});

test('a Spanish reader whose words cannot be downloaded gets the dashboard in English, and Spanish on the next visit', async ({ page }) => {
  const restore = await failChunk(page, '_klb-translations_es');
  await page.addInitScript(() => localStorage.setItem('klb.language', 'es'));
  // The page reads English until the Spanish words arrive: English is checked once their download has
  // failed, not before (then the route could be lifted before the page even asked, and Spanish came).
  const refused = page.waitForEvent('requestfailed', (request) => /\/assets\/_klb-translations_es-[\w-]+\.js$/.test(request.url()));
  const leads = new LeadsPage(page);
  await leads.goto();
  await refused;
  await leads.waitForRows();
  // English words, nothing missing, the rows there.
  await expect(page.getByRole('button', { name: 'Load all' })).toBeVisible();
  await restore();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Cargar todo' })).toBeVisible();
});
