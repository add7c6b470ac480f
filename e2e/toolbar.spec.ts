// Issue 23: at 1440 x 900 the toolbar is one line in English, Spanish and Portuguese, on the first
// screen, with a view chosen and after Load all, and the grid's top does not move while the page
// settles (chunks arriving, the views' names, the local copy's control).
import { expect, test, type Page } from './support/test';
import { LeadsPage } from './pages/leads-page';

test.use({ viewport: { width: 1440, height: 900 } });

const WORDS = {
  en: { views: /^Views/, myOpen: 'My open leads', loadAll: 'Load all', done: /^All [\d,]+ leads loaded$/ },
  es: { views: /^Vistas/, myOpen: 'Mis leads abiertos', loadAll: 'Cargar todo', done: /^Los [\d.]+ leads cargados$/ },
  pt: { views: /^Visualizações/, myOpen: 'Meus leads abertos', loadAll: 'Carregar tudo', done: /^Todos os [\d.]+ leads carregados$/ },
} as const;

/** One line: the toolbar is as tall as its tallest control, and every control sits on that line. */
async function expectOneLine(page: Page) {
  const toolbar = page.getByTestId('toolbar');
  const { height, tops, right } = await toolbar.evaluate((el) => {
    const controls = [...el.querySelectorAll('button, input, select')].filter((c) => c.getBoundingClientRect().width > 0);
    return {
      height: el.getBoundingClientRect().height,
      tops: [...new Set(controls.map((c) => Math.round(c.getBoundingClientRect().top)))],
      right: Math.max(...controls.map((c) => c.getBoundingClientRect().right)),
    };
  });
  expect(height).toBeLessThanOrEqual(32);
  expect(tops.length).toBe(1);
  expect(right).toBeLessThanOrEqual(1440);
}

async function gridTop(page: Page) {
  return (await new LeadsPage(page).grid.boundingBox())!.y;
}

for (const language of ['en', 'es', 'pt'] as const) {
  test(`${language}: one toolbar line at 1440 px on the first screen, with a view and after Load all; the grid does not jump`, async ({ page }) => {
    const words = WORDS[language];
    await page.addInitScript((l) => localStorage.setItem('klb.language', l), language);
    const leads = new LeadsPage(page);
    await leads.goto('?filter[price][from]=90000');
    await leads.waitForRows();
    const first = await gridTop(page);
    await expectOneLine(page);
    // The page settles (idle chunks, the views' names, the local copy's control): nothing moves the grid.
    await expect(page.getByRole('button', { name: words.views })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await gridTop(page)).toBe(first);

    await page.getByRole('button', { name: words.loadAll }).click();
    await expect(page.getByRole('status').filter({ hasText: words.done })).toBeVisible({ timeout: 30_000 });
    await expectOneLine(page);
    expect(await gridTop(page)).toBe(first);

    await page.getByRole('button', { name: words.views }).click();
    await page.getByRole('dialog', { name: words.views }).getByRole('button', { name: words.myOpen }).click();
    await expect(page.getByRole('button', { name: words.views })).toContainText(words.myOpen);
    await expectOneLine(page);
  });
}
