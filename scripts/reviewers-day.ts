// The reviewer's day of issue 23, run again by a script (not a test: `npx tsx scripts/reviewers-day.ts`
// after `npm run build`): a manager's walk at 1440 and 390 px, in English, Spanish and Portuguese,
// light and dark, with axe on every screen and overlay (chips, an open lead, hovered buttons, the
// filter drawer, the Views menu, the column chooser, the Summary, the More sheet, the local-copy
// panel, the attention view), keyboard paths with counted presses, and the reviewer's ten items
// checked as a manager would see them (the toolbar's controls neither overlapping nor cut, the totals
// row's figures whole). Writes screenshots and findings.json to REVIEW_OUT
// (/tmp/reviewers-day unless set) and prints one line per finding; exits 1 when there are findings.
// REVIEW_ONLY="desktop en light,phone pt dark" walks only those (REVIEW_ITEMS=1 adds the one-off items).
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { chromiumLaunch } from '../playwright.config';
import { exportMessages } from '../src/features/export/export-messages';
import { filtersMessages } from '../src/features/filters/filters-messages';
import { leadsTableMessages } from '../src/features/leads-table/leads-table-messages';
import { loadAllMessages } from '../src/features/load-all/load-all-messages';
import { savedViewsButtonMessages } from '../src/features/saved-views/saved-views-button-messages';
import { summaryButtonMessages } from '../src/features/summary/summary-button-messages';
import type { Language } from '../src/lib/i18n/languages';

const PORT = Number(process.env.REVIEW_PORT ?? 4745);
const BASE = `http://127.0.0.1:${PORT}`;
const OUT = process.env.REVIEW_OUT ?? '/tmp/reviewers-day';
const LANGUAGES: readonly Language[] = ['en', 'es', 'pt'];
const SCHEMES = ['light', 'dark'] as const;
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

type Finding = { where: string; item: number | 'axe'; what: string };
const findings: Finding[] = [];
const seen: string[] = [];
const note = (where: string, item: Finding['item'], what: string) => {
  findings.push({ where, item, what });
  console.log(`FINDING [${where}] (${item}) ${what}`);
};
const saw = (where: string, what: string) => {
  seen.push(`[${where}] ${what}`);
  console.log(`saw [${where}] ${what}`);
};

const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function shoot(page: Page, file: string) {
  await frames(page);
  await page.screenshot({ path: join(OUT, file) });
}

/** axe on the page (serious and critical, label-content-name-mismatch included): one finding a rule. */
async function axe(page: Page, where: string, screen: string, include?: string) {
  let builder = new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad)
    note(
      where,
      'axe',
      `${screen}: ${v.impact} ${v.id} on ${v.nodes.length} node(s): ${v.nodes
        .slice(0, 2)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
    );
  saw(where, `axe ${screen}: ${bad.length} serious/critical`);
}

/** Hovered buttons, one by one, axe's contrast rule on each (past the hover transition). */
async function hoverButtons(page: Page, where: string, buttons: Locator) {
  const count = await buttons.count();
  let checked = 0;
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    if (!(await button.isVisible()) || !(await button.isEnabled())) continue;
    await button.hover();
    const bg = () => button.evaluate((el) => getComputedStyle(el).backgroundColor);
    // Past the transition: the same colour twice, 150 ms apart.
    for (let k = 0; k < 10; k++) {
      const a = await bg();
      await page.waitForTimeout(150);
      if (a === (await bg())) break;
    }
    await button.evaluate((el) => el.setAttribute('data-review-hovered', ''));
    const results = await new AxeBuilder({ page }).include('[data-review-hovered]').withRules(['color-contrast']).analyze();
    await button.evaluate((el) => el.removeAttribute('data-review-hovered'));
    for (const v of results.violations) note(where, 'axe', `hovered "${(await button.innerText()).trim()}": ${v.nodes[0]?.failureSummary ?? v.id}`);
    checked += 1;
  }
  await page.mouse.move(1, 1);
  saw(where, `hovered ${checked} buttons, contrast checked on each`);
}

/** Toolbar controls drawn over the next one, and button or chip words cut (the Views button's ellipsis aside). */
const toolbarClashes = (page: Page) =>
  page.evaluate(() => {
    const bar = document.querySelector('[data-testid=toolbar]');
    if (!bar) return [];
    const found: string[] = [];
    // No named function in here: tsx wraps those in a helper the page does not have.
    // A button inside an input (the search's ×) sits over it by design.
    const boxes = [...bar.querySelectorAll('button, select, input:not([type=checkbox]), .mantine-Chip-label')]
      .filter((c) => !c.closest('[class*="Input-section"]'))
      .map((c) => ({ name: c.textContent?.trim() || c.getAttribute('aria-label') || c.tagName, box: c.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0)
      .sort((a, b) => a.box.left - b.box.left);
    for (let i = 1; i < boxes.length; i++)
      if (boxes[i - 1]!.box.right > boxes[i]!.box.left + 1) found.push(`"${boxes[i - 1]!.name}" runs under "${boxes[i]!.name}"`);
    for (const label of bar.querySelectorAll<HTMLElement>('.mantine-Button-label, .mantine-Chip-label'))
      if (getComputedStyle(label).textOverflow !== 'ellipsis' && label.scrollWidth > label.clientWidth + 1)
        found.push(`"${label.textContent}" is cut`);
    return found;
  });

/** Lines of the totals row that run past their cell's edge (a figure losing its cents). */
const cutTotals = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=leads-totals] [role=gridcell]')].flatMap((cell) =>
      [...cell.children]
        .filter((line) => line.getBoundingClientRect().right > cell.getBoundingClientRect().right + 1)
        .map((line) => line.textContent ?? ''),
    ),
  );

const focusText = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40) ?? ''}`.trim();
  });

/** After an opening transition: a fading overlay's colours are blends, not the theme's. */
async function settled(page: Page, locator: Locator) {
  await locator.waitFor();
  for (let k = 0; k < 30; k++) {
    if ((await locator.evaluate((el) => getComputedStyle(el).opacity)) === '1') break;
    await page.waitForTimeout(100);
  }
}

async function walk(browser: Browser, viewport: (typeof VIEWPORTS)[number], scheme: (typeof SCHEMES)[number], lang: Language) {
  const where = `${viewport.name} ${lang} ${scheme}`;
  const suffix = `${viewport.name}-${lang}-${scheme}`;
  const phone = viewport.width < 640;
  const context = await browser.newContext({ viewport, colorScheme: scheme, locale: { en: 'en-US', es: 'es-ES', pt: 'pt-BR' }[lang] });
  await context.addInitScript((l) => localStorage.setItem('klb.language', l), lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const f = filtersMessages[lang];
  const v = savedViewsButtonMessages[lang];
  const tableText = leadsTableMessages[lang];
  const grid = page.getByRole('grid', { name: tableText.gridLabel });
  const cards = page.getByRole('feed').getByRole('article');
  const listShown = () => (phone ? cards.nth(1).waitFor() : grid.locator('[role=row][aria-rowindex="3"]').waitFor());
  const more = page.getByRole('button', { name: new RegExp(`^${f.moreActions}`) });
  const sheet = page.getByRole('dialog', { name: f.moreTitle });
  /** A toolbar button, through the More sheet on a phone. */
  const action = async (name: string | RegExp) => {
    const direct = page.getByRole('button', { name, exact: typeof name === 'string' }).first();
    if (await direct.isVisible()) return direct;
    if (!(await sheet.isVisible())) await more.click();
    const inSheet = sheet.getByRole('button', { name, exact: typeof name === 'string' }).first();
    await inSheet.waitFor();
    return inSheet;
  };

  // 1. The list with chips (two filters and a search): axe, hover, the toolbar on one line.
  await page.goto(`${BASE}/?filter[price][from]=1000&filter[pipeline_id][]=7400001&query=a`);
  await listShown();
  await page.getByRole('button', { name: f.clearAll }).waitFor();
  await shoot(page, `list-${suffix}.png`);
  await axe(page, where, 'list with three chips');
  if (!phone) {
    const toolbar = await page.evaluate(() => {
      const main = document.querySelector('main');
      const tops = [...(main?.querySelectorAll(':scope button, :scope input, :scope select') ?? [])]
        .filter((el) => !el.closest('[role=grid]') && !el.closest('[data-testid=active-filter-chips]'))
        .map((el) => Math.round(el.getBoundingClientRect().top))
        .filter((t) => t > 0 && t < 200);
      return { tops: [...new Set(tops)].sort((a, b) => a - b) };
    });
    const first = toolbar.tops[0] ?? 0;
    const wrapped = toolbar.tops.filter((t) => t > first + 30);
    if (wrapped.length > 0) note(where, 8, `toolbar wraps: controls at ${toolbar.tops.join(', ')} px`);
    else saw(where, 'toolbar on one line');
    for (const clash of await toolbarClashes(page)) note(where, 8, `toolbar: ${clash}`);
    // Contrast does not change with the language: hovered once a theme, in English.
    if (lang === 'en') await hoverButtons(page, where, page.locator('main button:not([role=grid] button)'));
  } else {
    const title = page.getByRole('heading', { level: 1 });
    const clipped = await title.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    if (clipped) note(where, 7, `title clipped: "${await title.innerText()}"`);
    const chipsBox = await page.getByTestId('active-filter-chips').boundingBox();
    if (chipsBox && chipsBox.height > 44) note(where, 7, `chips take ${chipsBox.height} px`);
    if ((await page.evaluate(() => document.documentElement.scrollWidth)) > viewport.width) note(where, 7, 'the page scrolls sideways');
    saw(where, `phone header: title whole=${!clipped}, chips ${chipsBox?.height ?? 0} px high`);
  }

  // 2. An open lead: axe; Esc closes it and the keyboard is back on its row (desktop: grid).
  if (phone) {
    await cards.first().locator('div').nth(2).click();
    const panel = cards.first().getByRole('group');
    await panel.waitFor();
    await page
      .waitForFunction(() => !document.querySelector('[role=feed] [role=group]')?.textContent?.includes('…'), undefined, { timeout: 15_000 })
      .catch(() => undefined);
    const text = await panel.innerText();
    saw(where, `open card panel has ${text.split('\n').length} lines`);
    await shoot(page, `open-lead-${suffix}.png`);
    await axe(page, where, 'open lead (card)');
  } else {
    await grid.focus();
    await page.keyboard.press('Enter');
    const panel = grid.getByRole('gridcell', { name: new RegExp(`^${tableText.panelTitle.replace('{name}', '')}`) });
    await panel.waitFor();
    await shoot(page, `open-lead-${suffix}.png`);
    await axe(page, where, 'open lead');
    let tabs = 0;
    while (!/^a /.test(await focusText(page)) && tabs < 20) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    saw(where, `Tabs from the grid to the open lead's first link: ${tabs} (${await focusText(page)})`);
    if (tabs > 4) note(where, 5, `${tabs} Tabs from the grid to the open lead's first link`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    if ((await panel.count()) > 0) note(where, 5, 'Esc in the open lead does not close it');
    const after = await focusText(page);
    if (!(await grid.evaluate((el) => el === document.activeElement))) note(where, 5, `after Esc in the open lead the focus is on ${after}`);
  }

  // 3. The filter drawer: axe; a draft dropped by Esc is not ticked next time.
  const filtersButton = await action(new RegExp(`^${f.openFilters}`));
  await filtersButton.click();
  const drawer = page.getByRole('dialog', { name: f.panelTitle });
  await settled(page, drawer);
  await shoot(page, `drawer-${suffix}.png`);
  await axe(page, where, 'filter drawer', '[role=dialog]');
  const boxes = drawer.getByRole('checkbox');
  const target = boxes.nth(3);
  const before = await target.isChecked();
  await target.click({ force: true });
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await (await action(new RegExp(`^${f.openFilters}`))).click();
  await settled(page, drawer);
  if ((await boxes.nth(3).isChecked()) !== before) note(where, 5, 'Esc on the filter drawer kept an unapplied draft');
  else saw(where, 'Esc on the drawer dropped the draft');
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  if (phone && (await sheet.isVisible())) {
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  }

  // 4. The Views menu: axe; Enter opens it, arrows move, Esc gives the focus back to its button.
  const viewsName = new RegExp(`^${v.button}`);
  const views = await action(viewsName);
  await views.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: viewsName });
  await settled(page, menu);
  await axe(page, where, 'Views menu', '.mantine-Popover-dropdown');
  await shoot(page, `views-${suffix}.png`);
  const start = await focusText(page);
  await page.keyboard.press('ArrowDown');
  const next = await focusText(page);
  if (start === next) note(where, 5, `ArrowDown in the Views menu does not move (${start})`);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  const back = await focusText(page);
  if (!back.startsWith('button')) note(where, 5, `Esc on the Views menu leaves the focus on ${back}`);
  else saw(where, `Views: ArrowDown ${start} -> ${next}; Esc back on ${back}`);
  if (phone && (await sheet.isVisible())) {
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  }

  // 5. The column chooser (desktop), the More sheet (phone).
  if (!phone) {
    await page.getByRole('button', { name: tableText.chooserButton }).click();
    const chooser = page.locator('.mantine-Popover-dropdown').last();
    await settled(page, chooser);
    await axe(page, where, 'column chooser', '.mantine-Popover-dropdown');
    await page.keyboard.press('Escape');
    await page.locator('.mantine-Popover-dropdown').waitFor({ state: 'detached' });
  } else {
    await more.click();
    await settled(page, sheet);
    await shoot(page, `more-${suffix}.png`);
    await axe(page, where, 'More sheet');
    const openOnly = sheet.getByText(f.quickOpenOnly, { exact: true });
    await openOnly.click();
    await page.waitForTimeout(400);
    if (await sheet.isVisible()) note(where, 7, 'the More sheet stays open after a choice');
    const label = await more.innerText();
    if (!/\(\d+\)/.test(label)) note(where, 7, `the More button does not count what is on: "${label}"`);
    else saw(where, `More sheet closed after a choice; button reads "${label}"`);
    await page.goBack();
  }

  // 6. The local-copy panel.
  const copyTrigger = page.getByRole('button', { name: /^(Local copy|Copia local|Cópia local)/ });
  if (await copyTrigger.isVisible()) {
    await copyTrigger.click();
    const panel = page.locator('.mantine-Popover-dropdown, [role=dialog]').last();
    await settled(page, panel);
    await shoot(page, `local-copy-${suffix}.png`);
    await axe(page, where, 'local-copy panel');
    await page.keyboard.press('Escape');
    // Left open, it covered the phone's More button and the next tap timed out.
    await panel.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => note(where, 7, 'Esc leaves the local-copy panel open'));
    const back = await focusText(page);
    if (!back.startsWith('button')) note(where, 5, `Esc on the local-copy panel leaves the focus on ${back}`);
    else saw(where, `local-copy panel: Esc closed it, focus back on ${back}`);
  } else saw(where, 'no local-copy button in view');

  // 7. The attention view, then Load all and the Summary (with its drill-down).
  await (await action(viewsName)).click();
  await page
    .getByRole('dialog', { name: viewsName })
    .getByRole('button', { name: new RegExp(`^${v.needsAttention}`) })
    .click();
  await page.waitForURL(/sort=attention:desc/);
  await listShown();
  await page
    .locator('[data-decoration="stage-age"]')
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => note(where, 3, 'no stage age shown in the attention view'));
  if (!phone) {
    const header = await grid.locator('[role=row][aria-rowindex="1"] [role=columnheader]').allInnerTexts();
    saw(where, `attention view columns: ${header.slice(0, 6).join(' | ')}`);
    const red = await grid
      .locator('[data-attention=overdue]')
      .first()
      .evaluate((el) => getComputedStyle(el).color)
      .catch(() => 'none');
    saw(where, `overdue reason colour ${red}`);
    for (const clash of await toolbarClashes(page)) note(where, 8, `toolbar in the attention view: ${clash}`);
  }
  await shoot(page, `attention-${suffix}.png`);
  await axe(page, where, 'attention view');

  const loadAll = await action(loadAllMessages[lang].loadAll);
  await loadAll.click();
  const status = page.getByTestId('leads-status');
  await status.filter({ hasText: /\d/ }).waitFor();
  await page.waitForFunction(() => !document.querySelector('[role=progressbar]'), undefined, { timeout: 120_000 });
  const loadedBefore = await status.innerText();
  if (!phone) {
    for (const clash of await toolbarClashes(page)) note(where, 8, `toolbar after Load all: ${clash}`);
    for (const line of await cutTotals(page)) note(where, 'axe', `totals row: "${line}" cut by its column`);
  }
  const summary = await action(summaryButtonMessages[lang].summary);
  await summary.focus();
  await summary.click();
  const summaryDialog = page.getByRole('dialog').filter({ has: page.getByTestId('summary-count') });
  await settled(page, summaryDialog);
  await summaryDialog.locator('.recharts-bar-rectangle').first().waitFor();
  await shoot(page, `summary-${suffix}.png`);
  await axe(page, where, 'Summary', '[role=dialog]');
  if (!phone) {
    // One scale across pipelines: the longest bar of each pipeline against its count.
    const bars = await summaryDialog
      .locator('.recharts-bar-rectangle path')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
    saw(where, `summary bar widths: ${bars.slice(0, 12).join(', ')}`);
    await page.keyboard.press('Escape');
    await summaryDialog.waitFor({ state: 'hidden' });
    const back = await focusText(page);
    if (!back.startsWith('button')) note(where, 5, `Esc on the Summary leaves the focus on ${back}`);
    else saw(where, `Summary Esc: focus back on ${back}`);
    const after = await status.innerText();
    if (after !== loadedBefore) note(where, 2, `closing the Summary changed the status: "${loadedBefore}" -> "${after}"`);
  } else {
    await page.keyboard.press('Escape');
  }
  if (errors.length > 0) note(where, 'axe', `console/page errors: ${errors.slice(0, 3).join(' | ')}`);
  await context.close();
}

/** The items checked once, in English at 1440 px: export race, export columns, file name, search. */
async function items(browser: Browser) {
  const where = 'desktop en light';
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.addInitScript(() => localStorage.setItem('klb.language', 'en'));
  const page = await context.newPage();
  const e = exportMessages.en;
  // 1 and 10: a shared link exported at once: every custom-field column, phone and e-mail columns, the view's name.
  await page.goto(`${BASE}/?filter[price][from]=80000`);
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: e.exportCsv }).click();
  const file = await download;
  const csv = await readFile(await file.path(), 'utf8');
  const header = csv.split(/\r?\n/)[0] ?? '';
  saw(where, `export at 0 s: ${file.suggestedFilename()}, ${header.split(',').length} columns: ${header.slice(0, 300)}`);
  if (!/phone/i.test(header) || !/e-?mail/i.test(header)) note(where, 10, 'no phone / e-mail columns of the main contact in the CSV');
  await page.goto(`${BASE}/`);
  await page.getByRole('grid').locator('[role=row][aria-rowindex="3"]').waitFor();
  await page.getByRole('button', { name: /^Views/ }).click();
  await page
    .getByRole('dialog', { name: /^Views/ })
    .getByRole('button', { name: 'My open leads' })
    .click();
  await page.waitForURL(/open/);
  const named = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: e.exportCsv }).click();
  const namedFile = (await named).suggestedFilename();
  if (!/open/i.test(namedFile)) note(where, 10, `the file name has no view name: ${namedFile}`);
  else saw(where, `file name of "My open leads": ${namedFile}`);
  // 4: search finds a lead by its main contact's name, and the empty state says what search covers.
  await page.goto(`${BASE}/?query=zzzqqq`);
  await page
    .getByText(/looked in the filled fields/i)
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => note(where, 4, 'the empty search does not say what it covers'));
  const empty = await page.locator('main').innerText();
  saw(where, `empty search: ${empty.replace(/\s+/g, ' ').slice(-220)}`);
  await context.close();
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${BASE}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no server on ${BASE}`);
}

async function main() {
  await mkdir(OUT, { recursive: true });
  // The start command's server on the built bundle: started here unless one already answers on PORT.
  const running = await fetch(`${BASE}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  const own = running
    ? null
    : spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
  try {
    await waitForServer();
    const browser = await chromium.launch(chromiumLaunch);
    try {
      const only = process.env.REVIEW_ONLY;
      for (const viewport of VIEWPORTS)
        for (const lang of LANGUAGES)
          for (const scheme of SCHEMES) {
            if (only && !only.split(',').includes(`${viewport.name} ${lang} ${scheme}`)) continue;
            try {
              await walk(browser, viewport, scheme, lang);
            } catch (error) {
              console.error(error);
              note(`${viewport.name} ${lang} ${scheme}`, 'axe', `the walk stopped: ${(error as Error).message.split('\n')[0]}`);
            }
          }
      if (!only || process.env.REVIEW_ITEMS === '1') await items(browser);
    } finally {
      await browser.close();
    }
  } finally {
    own?.kill('SIGTERM');
  }
  await writeFile(join(OUT, 'findings.json'), JSON.stringify({ findings, seen }, null, 2));
  console.log(`\n${findings.length} finding(s); screenshots and findings.json in ${OUT}`);
  process.exitCode = findings.length > 0 ? 1 : 0;
}

await main();
