// Issue 23: at 1440 x 900 the toolbar is one line in English, Spanish and Portuguese, on the first
// screen, with a view chosen and after Load all, and the grid's top does not move while the page
// settles (chunks arriving, the views' names, the local copy's control).
import { expect, test, type Page } from './support/test';
import { LeadsPage } from './pages/leads-page';

test.use({ viewport: { width: 1440, height: 900 } });

const WORDS = {
  en: { views: /^Views/, myOpen: 'My open leads', attention: 'What needs my attention', loadAll: 'Load all', done: /^All [\d,]+ leads loaded$/ },
  es: {
    views: /^Vistas/,
    myOpen: 'Mis leads abiertos',
    attention: 'Lo que requiere mi atención',
    loadAll: 'Cargar todo',
    done: /^Los [\d.]+ leads cargados$/,
  },
  pt: {
    views: /^Visualizações/,
    myOpen: 'Meus leads abertos',
    attention: 'O que precisa da minha atenção',
    loadAll: 'Carregar tudo',
    done: /^Todos os [\d.]+ leads carregados$/,
  },
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
  // Read whole and clickable: no control drawn over the next one, no word cut (in Portuguese the Views
  // button of "What needs my attention" covered "Open leads only" and cut "Filters (2)" to "Filtros (").
  // Only the view's name on the Views button may give way, with an ellipsis (its whole name is its accessible name).
  const problems = await toolbar.evaluate((el) => {
    const found: string[] = [];
    // The chips' own checkboxes are hidden under their labels: the labels are what is seen.
    const boxes = [...el.querySelectorAll('button, select, input:not([type=checkbox]), .mantine-Chip-label')]
      .map((c) => ({ c, box: c.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0)
      .sort((a, b) => a.box.left - b.box.left);
    for (let i = 1; i < boxes.length; i++) {
      const prev = boxes[i - 1]!;
      const next = boxes[i]!;
      if (prev.box.right > next.box.left + 1)
        found.push(
          `"${prev.c.textContent?.trim() || prev.c.getAttribute('aria-label')}" runs under "${next.c.textContent?.trim() || next.c.getAttribute('aria-label')}"`,
        );
    }
    for (const label of el.querySelectorAll<HTMLElement>('.mantine-Button-label, .mantine-Chip-label')) {
      if (label.closest('[aria-haspopup=dialog]')?.textContent?.includes(':') && getComputedStyle(label).textOverflow === 'ellipsis') continue;
      if (label.scrollWidth > label.clientWidth + 1) found.push(`"${label.textContent}" is cut`);
    }
    // Every button's words sit in its middle (a Views label made a block had set them at its top).
    for (const button of el.querySelectorAll('button')) {
      const box = button.getBoundingClientRect();
      const words = document.createTreeWalker(button, NodeFilter.SHOW_TEXT).nextNode();
      if (box.width === 0 || words === null || words.textContent?.trim() === '') continue;
      const range = document.createRange();
      range.selectNodeContents(words);
      const text = range.getBoundingClientRect();
      if (Math.abs(text.top + text.height / 2 - (box.top + box.height / 2)) > 3) found.push(`"${button.textContent}" is not centred`);
    }
    return found;
  });
  expect(problems).toEqual([]);
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

    // The longest built-in name on the Views button, with two chips.
    await page.getByRole('button', { name: words.views }).click();
    await page
      .getByRole('dialog', { name: words.views })
      .getByRole('button', { name: new RegExp(`^${words.attention}`) })
      .click();
    await expect(page).toHaveURL(/sort=attention:desc/);
    await expect(page.getByRole('button', { name: words.views })).toContainText(words.attention);
    await expectOneLine(page);
    // And Load all finished there (its count beside the long name ran the quick filters under Views in es).
    await page.getByRole('button', { name: words.loadAll }).click();
    await expect(page.getByRole('status').filter({ hasText: words.done })).toBeAttached({ timeout: 30_000 });
    await expectOneLine(page);
  });
}
