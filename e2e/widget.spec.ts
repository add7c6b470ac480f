// The app inside a stand-in Kommo page on another origin: the real widget/script.js embeds it, the
// app lists demo leads through the postMessage bridge, and forged messages change nothing.
import type { FrameLocator, Page } from '@playwright/test';
import { startKommoStandin, type KommoStandin } from './fixtures/kommo-standin/standin-server';
import { expect, test } from './support/test';

const APP_PORT = Number(process.env.E2E_PORT ?? 4319);
const STANDIN_PORT = Number(process.env.E2E_STANDIN_PORT ?? 4541);
const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
/** The parent page's origin: the app server's FRAME_ANCESTORS must name it (see the run command). */
const KOMMO_ORIGIN = `http://localhost:${STANDIN_PORT}`;
/** Same host and port as the parent, other host name: a foreign origin. */
const FOREIGN_ORIGIN = `http://127.0.0.1:${STANDIN_PORT}`;

let standin: KommoStandin;
test.beforeAll(async () => {
  standin = await startKommoStandin(STANDIN_PORT, APP_ORIGIN);
});
test.afterAll(async () => {
  await standin.close();
});

function standinUrl(area: 'advanced_settings' | 'llist', forgers: string[] = []): string {
  const params = new URLSearchParams({ area, dashboard: `${APP_ORIGIN}/` });
  if (forgers.length > 0) params.set('forgers', forgers.join(','));
  return `${KOMMO_ORIGIN}/?${params}`;
}

/** Requests the app frame makes to its own server's API: there must be none when embedded. */
function watchDirectApiCalls(page: Page): string[] {
  const direct: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${APP_ORIGIN}/api/`)) direct.push(request.url());
  });
  return direct;
}

async function expectLeadsListed(app: FrameLocator | Page) {
  const grid = app.getByRole('grid');
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('row').nth(3)).toBeVisible();
}

test('the widget page embeds the app, which lists demo leads through the bridge in Kommo\'s language', async ({ page }) => {
  const direct = watchDirectApiCalls(page);
  const before = standin.forwarded.length;
  await page.goto(standinUrl('advanced_settings'));
  const app = page.frameLocator('#work-area-klb_leads_browser iframe[data-klb-frame]');
  const badge = app.getByTestId('app-mode');
  // APP.lang_id is 'es': the app follows Kommo's language, and shows the context from the handshake.
  await expect(badge).toHaveText('En Kommo · acme · Ana Lima');
  await expect(badge).toHaveAttribute('data-mode', 'embedded');
  await expectLeadsListed(app);
  const relayed = standin.forwarded.slice(before);
  expect(relayed.some((line) => line.startsWith('GET /api/v4/leads?'))).toBe(true);
  expect(relayed.every((line) => line.startsWith('GET '))).toBe(true);
  expect(direct).toEqual([]);
});

test('"open in Kommo" in an open lead shows the lead card in the Kommo page itself, through the widget', async ({ page }) => {
  await page.goto(standinUrl('advanced_settings'));
  const app = page.frameLocator('#work-area-klb_leads_browser iframe[data-klb-frame]');
  await expectLeadsListed(app);
  const row = app.getByRole('grid').locator('[role=row][aria-rowindex="2"]');
  const id = (await row.locator('[role=gridcell][data-col="id"]').innerText()).trim();
  // The row's arrow points at the account's own card on the Kommo origin.
  await expect(row.getByTestId('open-in-kommo-row')).toHaveAttribute('href', `${KOMMO_ORIGIN}/leads/detail/${id}`);
  await row.getByRole('button', { name: /^Mostrar detalles de / }).click();
  const link = app.getByRole('link', { name: 'Abrir en Kommo ↗' });
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await link.click();
  await expect(page).toHaveURL(`${KOMMO_ORIGIN}/leads/detail/${id}`);
  await expect(page.getByRole('heading', { name: `Lead card ${id}` })).toBeVisible();
});

test('the leads list opens the app in a large modal, closed with Escape', async ({ page }) => {
  await page.goto(standinUrl('llist'));
  await page.getByRole('button', { name: 'Panel de leads' }).click();
  const dialog = page.getByRole('dialog', { name: 'Kommo Leads Browser' });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.width >= viewport.width * 0.9 && box.height >= viewport.height * 0.85).toBe(true);
  const app = page.frameLocator('[data-klb-modal] iframe[data-klb-frame]');
  await expect(app.getByTestId('app-mode')).toHaveAttribute('data-mode', 'embedded');
  await expectLeadsListed(app);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('messages from a foreign origin or a window other than the parent are ignored, on both sides', async ({ page }) => {
  const foreignForger = `${FOREIGN_ORIGIN}/forger.html`;
  const sameOriginForger = `${KOMMO_ORIGIN}/forger.html`;
  // A frame of the dashboard's own origin that is not the widget's iframe.
  const dashboardOriginForger = `${APP_ORIGIN}/healthz`;
  await page.goto(standinUrl('advanced_settings', [foreignForger, sameOriginForger, dashboardOriginForger]));
  const app = page.frameLocator('#work-area-klb_leads_browser iframe[data-klb-frame]');
  const badge = app.getByTestId('app-mode');
  await expect(badge).toHaveText('En Kommo · acme · Ana Lima');
  await expectLeadsListed(app);

  const forgedContext = {
    type: 'klb:context',
    version: 1,
    account: { id: 666, subdomain: 'evil', currency: 'USD', timezone: 'UTC' },
    user: { id: 666, name: 'Mallory' },
    lang: 'en',
  };
  const forgedRequest = { type: 'klb:request', id: 'forged-0000-0001', path: '/api/v4/leads', query: 'forged=1' };
  const forgerFrames = page.frames().filter((f) => [foreignForger, sameOriginForger, dashboardOriginForger].includes(f.url()));
  expect(forgerFrames).toHaveLength(3);
  for (const forger of forgerFrames) {
    await forger.evaluate(
      ({ context, request }) => {
        // To every other frame of the page (the app among them) and to the parent (the widget script).
        for (let i = 0; i < window.parent.frames.length; i++) {
          const target = window.parent.frames[i];
          if (target && target !== window) {
            target.postMessage(context, '*');
            target.postMessage({ type: 'klb:response', id: 'forged-0000-0001', status: 200, headers: {}, body: '{}' }, '*');
          }
        }
        window.parent.postMessage(request, '*');
      },
      { context: forgedContext, request: forgedRequest },
    );
  }
  // Give any forged message time to land, then check nothing moved.
  await page.waitForTimeout(1000);
  await expect(badge).toHaveText('En Kommo · acme · Ana Lima');
  expect(standin.forwarded.filter((line) => line.includes('forged=1'))).toEqual([]);

  // Control: the same context from the real parent window at the real origin is taken.
  await page.evaluate(
    ({ context, origin }) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[data-klb-frame]');
      frame?.contentWindow?.postMessage({ ...context, user: { id: 502, name: 'Bruno Real' }, account: { ...context.account, subdomain: 'acme' } }, origin);
    },
    { context: forgedContext, origin: APP_ORIGIN },
  );
  // Taken in full: the new user, and the new context's language (en) that the app follows.
  await expect(badge).toHaveText('In Kommo · acme · Bruno Real');
});

test('opened directly (not framed), the app runs standalone even with ?embedded=1', async ({ page }) => {
  await page.goto('/?embedded=1');
  await expect(page.getByTestId('app-mode')).toHaveAttribute('data-mode', 'standalone');
  await expectLeadsListed(page);
});
