// `npm run screenshots`: the README's pictures of the table (its totals row; on a phone, the lead
// cards), what needs my attention (with days in the stage, in the grid and on the cards), an open lead, the filter drawer and the
// summary, at 1440 px and 390 px, light and dark, against the demo account. Not a test (the e2e run
// matches *.spec.ts only): it starts the server on the built bundle, writes docs/screenshots/*.png
// and stops. Run `npm run build` first. Same seed and reference time every run, so the same leads.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunch } from '../playwright.config';

const PORT = Number(process.env.SCREENSHOTS_PORT ?? 4329);
const BASE = `http://127.0.0.1:${PORT}`;
const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
const VIEWPORTS = [
  { name: '1440', width: 1440, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not start on ${BASE}`);
}

async function shoot(page: Page, file: string): Promise<void> {
  // Two frames: the last render is committed and painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: join(OUT, file) });
  console.log(`wrote docs/screenshots/${file}`);
}

/** The toolbar's button, or null when the layout folded it away (a phone-sized toolbar). */
async function visibleButton(page: Page, name: string) {
  const button = page.getByRole('button', { name, exact: true }).first();
  return (await button.isVisible()) ? button : null;
}

async function capture(page: Page, suffix: string): Promise<void> {
  await page.goto(`${BASE}/`);
  const grid = page.getByRole('grid', { name: 'Leads' });
  // Under 640 px the leads are cards in a feed instead of grid rows.
  const phone = (page.viewportSize()?.width ?? 1440) < 640;
  const cards = page.getByRole('feed', { name: 'Leads' }).getByRole('article');
  const listShown = () => (phone ? cards.nth(2).waitFor() : grid.locator('[role=row][aria-rowindex="3"]').waitFor());
  await listShown();
  await shoot(page, `table-${suffix}.png`);
  const totals = page.getByTestId('leads-totals');
  if (await totals.isVisible()) {
    // The sticky row under the price and number columns, with the rows just above it.
    const box = await totals.boundingBox();
    if (box) {
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({
        path: join(OUT, `totals-${suffix}.png`),
        clip: { x: 0, y: Math.max(0, box.y - 120), width: Math.min(1440, box.x + box.width), height: box.height + 120 },
      });
      console.log(`wrote docs/screenshots/totals-${suffix}.png`);
    }
  }

  await page.goto(`${BASE}/`);
  await listShown();
  // The attention view: at 1440 its column gives the reason and the days in the stage (Kommo's events)
  // for the rows on screen; on a phone each card says the days in the stage on its stage's line.
  if (phone) {
    await page.getByRole('button', { name: /^More/ }).click();
    await page
      .getByRole('dialog', { name: 'Quick filters and actions' })
      .getByRole('button', { name: /^Views/ })
      .waitFor();
  }
  const views = page.getByRole('button', { name: /^Views/ }).first();
  if (await views.isVisible()) {
    await views.click();
    await page
      .getByRole('dialog', { name: /^Views/ })
      .getByRole('button', { name: /^What needs my attention/ })
      .click();
    await page.waitForURL(/sort=attention:desc/);
    await (phone ? cards : grid).locator('[data-decoration="stage-age"]').first().waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // The header and the first rows: under 200 KB, and where the reasons are.
    await page.screenshot({ path: join(OUT, `attention-${suffix}.png`), clip: { x: 0, y: 0, width: phone ? 390 : 1440, height: phone ? 844 : 560 } });
    console.log(`wrote docs/screenshots/attention-${suffix}.png`);
  } else console.log(`no visible Views button at ${suffix}: attention view not captured`);
  await page.goto(`${BASE}/`);
  await listShown();

  if (phone) {
    // A tap on a card's text opens the lead under it.
    const card = cards.first();
    await card.locator('div').nth(2).click();
    await card.getByRole('group', { name: /^Details of/ }).waitFor();
  } else {
    await grid
      .getByRole('button', { name: /^Show details of/ })
      .first()
      .click();
    await grid
      .getByRole('gridcell', { name: /^Details of/ })
      .first()
      .waitFor();
  }
  await shoot(page, `open-lead-${suffix}.png`);

  const filters = await visibleButton(page, 'Filters');
  if (filters) {
    await filters.click();
    await page.getByRole('dialog').first().waitFor();
    await shoot(page, `drawer-${suffix}.png`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').first().waitFor({ state: 'hidden' });
  } else console.log(`no visible Filters button at ${suffix}: drawer not captured`);

  // On a phone the toolbar folds into "More": reach the actions through it there.
  const action = async (name: string) => {
    const direct = await visibleButton(page, name);
    if (direct) return direct;
    const more = await visibleButton(page, 'More');
    if (!more) return null;
    if (!(await page.getByRole('dialog', { name: 'Quick filters and actions' }).isVisible())) await more.click();
    const inMore = page.getByRole('dialog', { name: 'Quick filters and actions' }).getByRole('button', { name, exact: true });
    await inMore.waitFor();
    return inMore;
  };
  const loadAll = await action('Load all');
  if (loadAll) {
    await loadAll.click();
    await page
      .getByRole('status')
      .filter({ hasText: /^All [\d,]+ leads loaded/ })
      .waitFor({ timeout: 60_000 });
  }
  const summary = loadAll ? await action('Summary') : null;
  if (loadAll && summary) {
    await summary.click();
    const drawer = page.getByRole('dialog', { name: 'Summary of the loaded leads' });
    await drawer.getByTestId('summary-win-rate').waitFor();
    await drawer.locator('.recharts-bar-rectangle').first().waitFor();
    await shoot(page, `summary-${suffix}.png`);
  } else console.log(`no visible Load all / Summary at ${suffix}: summary not captured`);
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DEMO_LEADS: '1500', DEMO_NOW: '2026-11-30T12:00:00Z' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForServer();
    const browser = await chromium.launch(chromiumLaunch);
    try {
      for (const viewport of VIEWPORTS) {
        for (const colorScheme of SCHEMES) {
          const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1, locale: 'en-US' });
          await capture(await context.newPage(), `${viewport.name}-${colorScheme}`);
          await context.close();
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
  }
}

await main();
