// The app inside a stand-in Kommo page on another origin, loaded as Kommo loads widgets: the real
// widget/script.js puts its button in the leads list's and the pipeline's top bar (and back after
// Kommo re-renders it), opens the dashboard in Kommo's modal (ticked leads as a filtered view),
// refuses a bad URL in the settings dialog, and forged messages change nothing.
import type { Frame, FrameLocator, Page } from '@playwright/test';
import { startKommoStandin, type KommoStandin } from './fixtures/kommo-standin/standin-server';
import { KommoStandinPage } from './pages/kommo-standin-page';
import { expect, test } from './support/test';
import { workerPorts } from './support/worker-ports';

const { app: APP_PORT, standin: STANDIN_PORT } = workerPorts();
const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
const DASHBOARD = `${APP_ORIGIN}/`;
/** The parent page's origin: the app server's FRAME_ANCESTORS must name it (see the run command). */
const KOMMO_ORIGIN = `http://localhost:${STANDIN_PORT}`;
/** Same host and port as the parent, other host name: a foreign origin. */
const FOREIGN_ORIGIN = `http://127.0.0.1:${STANDIN_PORT}`;
const ADVANCED = '/settings/widgets/klb_leads_browser/';

let standin: KommoStandin;
test.beforeAll(async () => {
  standin = await startKommoStandin(STANDIN_PORT, APP_ORIGIN);
});
test.afterAll(async () => {
  await standin.close();
});

/** Requests the app frame makes to its own server's API: there must be none when embedded. */
function watchDirectApiCalls(page: Page): string[] {
  const direct: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${APP_ORIGIN}/api/`)) direct.push(request.url());
  });
  return direct;
}

/** What a message counter matches: `type`, and `id` or `userId` when given. */
type MessageMatch = { type: string; id?: string; userId?: number };

/**
 * Counts, in `frame`, the messages that match: a listener added after the page's own runs after it,
 * so once it has counted them all the page has handled them all (no fixed wait to prove nothing moved).
 * `handled(n)` resolves once n have arrived, then after one rendered frame and a task (what a handler
 * would have set in motion has drawn).
 */
async function countMessages(frame: Frame, matches: MessageMatch[]) {
  await frame.evaluate((wanted) => {
    const w = window as unknown as { __klbCounted?: number };
    w.__klbCounted = 0;
    window.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { type?: unknown; id?: unknown; user?: { id?: unknown } } | null;
      const hit = wanted.some(
        (m) => data?.type === m.type && (m.id === undefined || data.id === m.id) && (m.userId === undefined || data.user?.id === m.userId),
      );
      if (hit) w.__klbCounted = (w.__klbCounted ?? 0) + 1;
    });
  }, matches);
  return {
    handled: async (n: number) => {
      await frame.waitForFunction((count) => ((window as unknown as { __klbCounted?: number }).__klbCounted ?? 0) >= count, n);
      await frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    },
  };
}

/**
 * The page's frames at `urls`, once every one has committed its document: the stand-in adds the
 * forgers' iframes after it is ready, and a frame still loading has an empty or about:blank URL.
 */
async function framesAt(page: Page, urls: string[]): Promise<Frame[]> {
  const at = () => page.frames().filter((f) => urls.includes(f.url()));
  await expect.poll(() => at().length).toBe(urls.length);
  return at();
}

async function expectLeadsListed(app: FrameLocator | Page) {
  const grid = app.getByRole('grid');
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('row').nth(3)).toBeVisible();
}

test("the widget page embeds the app, which lists demo leads through the bridge in Kommo's language", async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  const direct = watchDirectApiCalls(page);
  const before = standin.forwarded.length;
  await kommo.goto(ADVANCED, DASHBOARD);
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
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto(ADVANCED, DASHBOARD);
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

test('the button sits in the top bar of the leads list and of the pipeline, comes back when Kommo re-renders the bar, and appears nowhere else', async ({
  page,
}) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto('/leads/pipeline/1', DASHBOARD);
  // In the pipeline (where leads open by default), inside Kommo's top bar, before "New lead".
  await expect(kommo.topBar.getByRole('button', { name: 'Panel de leads' })).toBeVisible();
  await expect(kommo.dashboardButton).toHaveCount(1);
  await expect(kommo.topBar.locator('> *').last()).toHaveText('New lead');

  // Kommo re-renders the whole top bar on a filter change: the button is put back, once.
  await page.getByRole('button', { name: 'Filter: all leads' }).click();
  await expect(page.getByRole('button', { name: 'Filter: open leads' })).toBeVisible();
  await expect(kommo.topBar.getByRole('button', { name: 'Panel de leads' })).toBeVisible();
  await expect(kommo.dashboardButton).toHaveCount(1);

  await kommo.navigate('Leads list');
  await expect(page.getByRole('heading', { name: 'Leads' })).toBeVisible();
  await expect(kommo.topBar.getByRole('button', { name: 'Panel de leads' })).toBeVisible();
  await expect(kommo.dashboardButton).toHaveCount(1);

  // The tasks list has a top bar of the same class but no leads; a lead card has no top bar.
  await kommo.navigate('Tasks');
  await expect(page.getByRole('button', { name: 'Add task' })).toBeVisible();
  await expect(kommo.dashboardButton).toHaveCount(0);
  await kommo.navigate('Lead card');
  await expect(page.getByRole('heading', { name: 'Lead #1' })).toBeVisible();
  await expect(kommo.dashboardButton).toHaveCount(0);

  await kommo.navigate('Pipeline');
  await expect(kommo.topBar.getByRole('button', { name: 'Panel de leads' })).toBeVisible();

  // destroy: the button goes and the observer with it (a re-rendered bar gets no button back).
  await page.evaluate(() =>
    (window as unknown as { __standinWidgetInstance: { callbacks: { destroy: () => void } } }).__standinWidgetInstance.callbacks.destroy(),
  );
  await expect(kommo.dashboardButton).toHaveCount(0);
  await page.getByRole('button', { name: 'Filter: open leads' }).click();
  await expect(page.getByRole('button', { name: 'Filter: all leads' })).toBeVisible();
  await expect(kommo.dashboardButton).toHaveCount(0);
});

// Three tests, not one: each opening of the modal loads and starts the whole app in a new frame, and
// four of them in one test took 41 s of its 60 s on a busy 2-core machine (three timeouts in 20 runs).
test("the button opens the dashboard in Kommo's modal; Escape closes it with the focus inside the dashboard", async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto('/leads/pipeline/1', DASHBOARD);
  await kommo.dashboardButton.click();
  await expect(kommo.modal).toBeVisible();
  // Kommo's modal component holds it (the stand-in serves it as Kommo's AMD module).
  await expect(page.locator('.modal.klb-modal-window [data-klb-modal]')).toHaveCount(1);
  const box = await kommo.modal.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.width >= viewport.width * 0.9 && box.height >= viewport.height * 0.85).toBe(true);
  await expect(kommo.modalFrame.getByTestId('app-mode')).toHaveAttribute('data-mode', 'embedded');
  await expectLeadsListed(kommo.modalFrame);

  // Focus inside the dashboard: key presses go to the iframe, not to the Kommo page.
  await kommo.modalFrame.getByRole('grid').getByRole('row').nth(2).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
  await kommo.escapeClosingDashboard();
  await expect(page.locator('.modal')).toHaveCount(0);
});

test('Escape inside the dashboard closes first what is open there (its filter drawer), then the modal', async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto('/leads/pipeline/1', DASHBOARD);
  await kommo.dashboardButton.click();
  await kommo.modalFrame.getByRole('button', { name: 'Filtros' }).click();
  const drawer = kommo.modalFrame.getByRole('dialog');
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(kommo.modal).toBeVisible();
  await kommo.escapeClosingDashboard();
});

test("Kommo's close button closes the modal, and so does Escape with the focus on the Kommo page, which gets the focus back", async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto('/leads/pipeline/1', DASHBOARD);
  await kommo.dashboardButton.click();
  await expect(kommo.modal).toBeVisible();
  await kommo.modal.getByRole('button', { name: 'Cerrar' }).click();
  await expect(kommo.modal).toHaveCount(0);
  await kommo.dashboardButton.click();
  // The widget puts the focus on Kommo's close button: this Escape is the Kommo page's.
  await expect(kommo.modal.getByRole('button', { name: 'Cerrar' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(kommo.modal).toHaveCount(0);
  await expect(kommo.dashboardButton).toBeFocused();
});

test("a klb:close from any window but the dashboard's own frame leaves the modal open", async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  const forgerUrls = [`${FOREIGN_ORIGIN}/forger.html`, `${KOMMO_ORIGIN}/forger.html`, `${APP_ORIGIN}/healthz`];
  await kommo.goto('/leads/pipeline/1', DASHBOARD, forgerUrls);
  await kommo.dashboardButton.click();
  await expect(kommo.modal).toBeVisible();
  await expectLeadsListed(kommo.modalFrame);
  const forgers = await framesAt(page, forgerUrls);
  const closes = await countMessages(page.mainFrame(), [{ type: 'klb:close' }]);
  for (const forger of forgers) await forger.evaluate(() => window.parent.postMessage({ type: 'klb:close' }, '*'));
  // The dashboard's own frame with an extra field: refused by the schema on the widget side.
  const dashboard = page.frames().find((f) => f.url().startsWith(`${APP_ORIGIN}/?`) && f.url().includes('embedded=1'));
  await dashboard!.evaluate((origin) => window.parent.postMessage({ type: 'klb:close', then: 'navigate' }, origin), KOMMO_ORIGIN);
  // All four handled by the widget script, and the modal still open.
  await closes.handled(4);
  await expect(kommo.modal).toBeVisible();
  // Control: the dashboard's own well-formed message closes it.
  await dashboard!.evaluate((origin) => window.parent.postMessage({ type: 'klb:close' }, origin), KOMMO_ORIGIN);
  await expect(kommo.modal).toHaveCount(0);
});

test('More → Leads Browser with leads ticked opens the dashboard on exactly those leads', async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto('/leads/list/pipeline/1', DASHBOARD);
  const ticked = await kommo.tickLeads(6);
  // Untick two in the middle: the dashboard must follow the boxes, not a range.
  const boxes = page.getByRole('checkbox', { name: /^Select lead / });
  await boxes.nth(1).uncheck();
  await boxes.nth(4).uncheck();
  const expected = [0, 2, 3, 5].map((i) => ticked[i]!);
  await kommo.moreToWidget();
  await expect(kommo.modal).toBeVisible();
  await expect.poll(async () => (await kommo.dashboardIds()).sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  // The view is a filter the user can see (and remove) like any other: an "IDs" chip.
  await expect(kommo.modalFrame.getByRole('list', { name: 'Filtros activos' })).toContainText(`IDs: ${expected[0]}`);
});

test('more ticked leads than one view holds open in parts of 250, each on exactly its leads', async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto('/leads/list/pipeline/1', DASHBOARD, [], 260);
  const ticked = await kommo.tickAll(260);
  await kommo.moreToWidget();
  await expect(kommo.modal).toBeVisible();
  const first = kommo.modal.getByRole('button', { name: 'Leads 1–250' });
  const second = kommo.modal.getByRole('button', { name: 'Leads 251–260' });
  await expect(kommo.modal).toContainText('Marcaste 260 leads; una vista admite 250.');
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  await expect(kommo.modalFrame.getByTestId('leads-status')).toContainText('250');
  await second.click();
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await kommo.dashboardIds()).sort((a, b) => a - b)).toEqual(ticked.slice(250).sort((a, b) => a - b));
});

test('a bad dashboard URL in the settings dialog shows the error and is not saved; a good one is', async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto('/settings/widgets/', DASHBOARD);
  for (const bad of ['http://leads.example.com/', 'javascript:alert(1)', 'leads.example.com']) {
    const dialog = await kommo.openSettings();
    const field = dialog.getByRole('textbox');
    await expect(field).toHaveValue(DASHBOARD);
    await field.fill(bad);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/debe ser una dirección https/);
    // Kommo's save-error pattern reached the save button; the dialog stays open; nothing saved.
    await expect(dialog.getByRole('button', { name: 'Save' })).toHaveAttribute('data-save-error', '1');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('status')).toHaveText('');
  }
  const dialog = await kommo.openSettings();
  await expect(dialog.getByRole('textbox')).toHaveValue(DASHBOARD);
  await dialog.getByRole('textbox').fill('https://leads.example.com/');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('Settings saved');
  const reopened = await kommo.openSettings();
  await expect(reopened.getByRole('textbox')).toHaveValue('https://leads.example.com/');
  await expect(reopened.getByRole('alert')).toHaveCount(0);
});

test('messages from a foreign origin or a window other than the parent are ignored, on both sides', async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  const foreignForger = `${FOREIGN_ORIGIN}/forger.html`;
  const sameOriginForger = `${KOMMO_ORIGIN}/forger.html`;
  // A frame of the dashboard's own origin that is not the widget's iframe.
  const dashboardOriginForger = `${APP_ORIGIN}/healthz`;
  await kommo.goto(ADVANCED, DASHBOARD, [foreignForger, sameOriginForger, dashboardOriginForger]);
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
  const forgerFrames = await framesAt(page, [foreignForger, sameOriginForger, dashboardOriginForger]);
  const appFrame = page.frames().find((f) => f.url().startsWith(`${APP_ORIGIN}/?`) && f.url().includes('embedded=1'));
  if (appFrame === undefined) throw new Error('the dashboard frame is not on the page');
  const toWidget = await countMessages(page.mainFrame(), [{ type: 'klb:request', id: forgedRequest.id }, { type: 'klb:close' }]);
  const toApp = await countMessages(appFrame, [
    { type: 'klb:context', userId: forgedContext.user.id },
    { type: 'klb:response', id: forgedRequest.id },
  ]);
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
        window.parent.postMessage({ type: 'klb:close' }, '*');
      },
      { context: forgedContext, request: forgedRequest },
    );
  }
  // Every forged message handled (3 forgers: a request and a close to the widget, a context and an answer to the app), and nothing moved.
  await toWidget.handled(6);
  await toApp.handled(6);
  await expect(badge).toHaveText('En Kommo · acme · Ana Lima');
  expect(standin.forwarded.filter((line) => line.includes('forged=1'))).toEqual([]);

  // Control: the same context from the real parent window at the real origin is taken.
  await page.evaluate(
    ({ context, origin }) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[data-klb-frame]');
      frame?.contentWindow?.postMessage(
        { ...context, user: { id: 502, name: 'Bruno Real' }, account: { ...context.account, subdomain: 'acme' } },
        origin,
      );
    },
    { context: forgedContext, origin: APP_ORIGIN },
  );
  // Taken in full: the new user, and the new context's language (en) that the app follows.
  await expect(badge).toHaveText('In Kommo · acme · Bruno Real');
  // Still no forged request forwarded, now that a whole round trip of the real channel has been made.
  expect(standin.forwarded.filter((line) => line.includes('forged=1'))).toEqual([]);
});

test('opened directly (not framed), the app runs standalone even with ?embedded=1', async ({ page }) => {
  await page.goto('/?embedded=1');
  await expect(page.getByTestId('app-mode')).toHaveAttribute('data-mode', 'standalone');
  await expectLeadsListed(page);
});
