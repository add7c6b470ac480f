// The dashboard inside a faithful stand-in Kommo page, signed in as the demo team's managers: names
// from the page's constants (no /api/v4/users), only the leads the manager may see, "the leads you
// can see" on the totals, the export right applied (D: disabled with the reason; M: only their own
// leads in the file, the rest counted); block mode (nginx's 403 everywhere) still stops every call;
// Kommo's modal sized for the dashboard with nothing under Kommo's ×; ticked leads through "More"
// with Kommo's widgets overlay lifted.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { startKommoStandin, type KommoStandin } from './fixtures/kommo-standin/standin-server';
import { KommoStandinPage } from './pages/kommo-standin-page';
import { BODY_ROW, expectEveryRowAged } from './pages/leads-page';
import { expect, test } from './support/test';
import { workerPorts } from './support/worker-ports';

const { app: APP_PORT, standin: STANDIN_PORT } = workerPorts();
const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
const DASHBOARD = `${APP_ORIGIN}/`;
const KOMMO_ORIGIN = `http://localhost:${STANDIN_PORT}`;
const LIST = '/leads/list/pipeline/1';

let standin: KommoStandin;
test.beforeAll(async () => {
  standin = await startKommoStandin(STANDIN_PORT, APP_ORIGIN);
});
test.afterAll(async () => {
  await standin.close();
});

function member(key: string) {
  const m = standin.demo.data.team.find((t) => t.key === key);
  if (!m) throw new Error(`no ${key} in the demo team`);
  return m;
}

const groupOf = (userId: number) => standin.demo.data.users.find((u) => u.id === userId)?.rights?.group_id ?? 0;
const incoming = () =>
  new Set(standin.demo.data.pipelines.flatMap((p) => (p._embedded?.statuses ?? []).filter((s) => s.type === 1).map((s) => `${p.id}:${s.id}`)));

test('a manager with view M and export D: names from the page, only their leads, "the leads you can see", export disabled with its reason', async ({
  page,
  pageErrors,
}) => {
  // This manager has no access to lists: Kommo refuses /catalogs with a JSON 403 (logged by the browser).
  pageErrors.allow(/status of 403/);
  const manager = member('manager-no-export');
  const own = standin.demo.data.leads.filter((l) => l.responsible_user_id === manager.userId).length;
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  const before = standin.forwarded.length;
  await kommo.goto(LIST, DASHBOARD, [], undefined, { as: 'manager-no-export' });
  await kommo.dashboardButton.click();
  const app = kommo.modalFrame;
  await expect(app.getByTestId('app-mode')).toHaveText(`En Kommo · acme · ${manager.name}`);
  await expect(app.getByRole('grid')).toBeVisible();
  await app.getByRole('button', { name: 'Cargar todo' }).click();
  const status = app.getByTestId('leads-status');
  await expect(status).toContainText(`${own} leads cargados`);
  await expect(status).toContainText('Todos los leads cargados');
  await expect(status.getByTestId('leads-scope')).toHaveText('Los leads que puedes ver');
  // Names, not ids: every responsible cell in view is the manager's name.
  const responsible = app.locator('[role=row]:not([data-testid="leads-totals"]) [role=gridcell][data-col="responsible"]');
  await expect(responsible.first()).toHaveText(manager.name);
  for (const text of await responsible.allInnerTexts()) expect(text.trim()).toBe(manager.name);
  // The export right D: both buttons disabled, and the reason said.
  await expect(app.getByRole('button', { name: 'Exportar CSV' })).toBeDisabled();
  await expect(app.getByRole('button', { name: 'Exportar XLSX' })).toBeDisabled();
  await expect(app.getByTestId('export-denied')).toHaveText('Tu usuario de Kommo no puede exportar leads (derecho de exportación: denegado).');
  // A missing right degrades what needs it, with a plain line; the table is not stopped.
  await expect(app.getByTestId('refused-notice')).toContainText('Listas (catálogos)');
  const relayed = standin.forwarded.slice(before);
  expect(relayed.some((line) => line.startsWith('GET /api/v4/users'))).toBe(false);
  expect(relayed.some((line) => line.startsWith('GET /api/v4/leads?'))).toBe(true);
});

test('a manager with export M: the file holds only their own leads, and says how many of the leads they can see were left out', async ({
  page,
  pageErrors,
}) => {
  // Lead sources are for administrators: Kommo refuses them with a JSON 403 (logged by the browser).
  pageErrors.allow(/status of 403/);
  const manager = member('team-manager');
  const group = groupOf(manager.userId);
  const inbox = incoming();
  const visible = standin.demo.data.leads.filter((l) => groupOf(l.responsible_user_id) === group);
  const exportable = visible.filter((l) => l.responsible_user_id === manager.userId && !inbox.has(`${l.pipeline_id}:${l.status_id}`));
  expect(exportable.length).toBeGreaterThan(0);
  expect(visible.length).toBeGreaterThan(exportable.length);
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto(LIST, DASHBOARD, [], undefined, { as: 'team-manager' });
  await kommo.dashboardButton.click();
  const app = kommo.modalFrame;
  await expect(app.getByRole('grid')).toBeVisible();
  const download = page.waitForEvent('download', { timeout: 55_000 });
  await app.getByRole('button', { name: 'Exportar CSV' }).click();
  const file = await download;
  // In Spanish the file is written for a Spanish Excel: semicolons between fields.
  const parsed = Papa.parse<string[]>((await readFile(await file.path())).toString('utf8').slice(1), { delimiter: ';' });
  const [header, ...rows] = parsed.data.filter((r) => r.length > 1);
  const idAt = header!.indexOf('ID');
  expect(idAt).toBeGreaterThanOrEqual(0);
  expect(rows.map((r) => Number(r[idAt])).sort((a, b) => a - b)).toEqual(exportable.map((l) => l.id).sort((a, b) => a - b));
  await expect(app.getByTestId('export-left-out')).toHaveText(
    `Se dejaron fuera ${visible.length - exportable.length} leads: tu usuario de Kommo no puede exportarlos.`,
  );
});

test('block mode: nginx 403 on every call, the account included, still stops every call with the block message', async ({ page, pageErrors }) => {
  pageErrors.allow(/status of 403/);
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto(LIST, DASHBOARD, [], undefined, { as: 'block' });
  await kommo.dashboardButton.click();
  const alert = kommo.modalFrame.getByRole('alert').filter({ hasText: 'Kommo bloqueó el acceso (403)' });
  await expect(alert.first()).toBeVisible();
  await expect(kommo.modalFrame.getByRole('button', { name: 'Reanudar y reintentar' }).first()).toBeVisible();
  await expect(kommo.modalFrame.getByTestId('refused-notice')).toHaveCount(0);
});

for (const width of [1280, 1440, 1920]) {
  test(`at ${width} px the dashboard sits inside Kommo's modal body, scrolls nowhere sideways, and nothing of it is under Kommo's ×`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
    await kommo.goto(LIST, DASHBOARD);
    await kommo.dashboardButton.click();
    await expect(kommo.modalFrame.getByRole('grid')).toBeVisible();
    const body = (await page.locator('.klb-modal-window .modal-body').boundingBox())!;
    const frame = (await page.locator('[data-klb-modal] iframe[data-klb-frame]').boundingBox())!;
    const close = (await page.locator('[data-klb-modal] .modal-body__close').boundingBox())!;
    expect(body.x).toBeGreaterThanOrEqual(0);
    expect(body.x + body.width).toBeLessThanOrEqual(width);
    expect(frame.x).toBeGreaterThanOrEqual(body.x - 0.5);
    expect(frame.x + frame.width).toBeLessThanOrEqual(body.x + body.width + 0.5);
    expect(frame.y + frame.height).toBeLessThanOrEqual(body.y + body.height + 0.5);
    // Kommo's × box: 33×34 px, 10 px from the body's top right corner.
    expect(Math.round(close.width)).toBe(33);
    expect(Math.round(close.height)).toBe(34);
    expect(Math.round(body.x + body.width - (close.x + close.width))).toBe(10);
    expect(Math.round(close.y - body.y)).toBe(10);
    // The frame starts below the ×: no control of the dashboard can be under it.
    expect(frame.y).toBeGreaterThanOrEqual(close.y + close.height);
    // Hit-testing every corner and the centre of the × lands on the × itself.
    const points = [
      [close.x + 1, close.y + 1],
      [close.x + close.width - 1, close.y + 1],
      [close.x + 1, close.y + close.height - 1],
      [close.x + close.width - 1, close.y + close.height - 1],
      [close.x + close.width / 2, close.y + close.height / 2],
    ];
    for (const [x, y] of points) {
      const onClose = await page.evaluate(([px, py]) => Boolean(document.elementFromPoint(px!, py!)?.closest('.modal-body__close')), [x, y]);
      expect(onClose).toBe(true);
    }
    // No sideways scroll inside the dashboard.
    const app = page.frames().find((f) => f.url().startsWith(APP_ORIGIN));
    const overflow = await app!.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator('[data-klb-modal] .modal-body__close').click();
    await expect(kommo.modal).toHaveCount(0);
  });
}

test('ticked leads open through the list’s More menu; Kommo’s widgets overlay is gone, also after closing', async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto(LIST, DASHBOARD);
  const ids = await kommo.tickLeads(2);
  await kommo.moreToWidget();
  await expect(kommo.modal).toBeVisible();
  await expect(page.locator('[data-standin-widgets-overlay]')).toHaveCount(0);
  await expect.poll(async () => (await kommo.dashboardIds()).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  await kommo.escapeClosingDashboard();
  await expect(page.locator('[data-standin-widgets-overlay]')).toHaveCount(0);
});

test('"select all" over more leads than the list loaded is said plainly, and the dashboard shows the loaded ones', async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto(LIST, DASHBOARD, [], 3, { total: '1250' });
  const ids = await kommo.tickAll(3);
  await kommo.moreToWidget();
  await expect(page.locator('[data-klb-selection-note]')).toHaveText(
    'Seleccionaste 1250 leads, pero Kommo dio al widget solo los ids de los 3 cargados en la lista: el panel muestra esos 3. Para verlos todos, filtra en el propio panel.',
  );
  await expect.poll(async () => (await kommo.dashboardIds()).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
});

test('Kommo’s loader makes a new widget instance on every page change, and the button comes back in the new top bar', async ({ page }) => {
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto(LIST, DASHBOARD);
  await expect(kommo.dashboardButton).toHaveCount(1);
  const loads = await page.evaluate(() => (window as unknown as { __standinLoads: number }).__standinLoads);
  await kommo.navigate('Pipeline');
  await expect(kommo.dashboardButton).toHaveCount(1);
  await kommo.navigate('Tasks');
  await expect(kommo.dashboardButton).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __standinLoads: number }).__standinLoads)).toBe(loads + 2);
});

test('a manager who sees only their own leads: the attention view says how long each lead on screen is in its stage, from Kommo’s event log, ten leads a request', async ({
  page,
  pageErrors,
}) => {
  pageErrors.allow(/status of 403/);
  const manager = member('manager-own');
  const kommo = new KommoStandinPage(page, KOMMO_ORIGIN);
  await kommo.goto(LIST, DASHBOARD, [], undefined, { as: 'manager-own' });
  await kommo.dashboardButton.click();
  const app = kommo.modalFrame;
  await expect(app.getByTestId('app-mode')).toHaveText(`En Kommo · acme · ${manager.name}`);
  await expect(app.getByRole('grid')).toBeVisible();
  const before = standin.forwarded.length;
  await app.getByRole('button', { name: /^Vistas/ }).click();
  await app
    .getByRole('dialog', { name: /^Vistas/ })
    .getByRole('button', { name: 'Lo que requiere mi atención' })
    .click();
  const rows = app.locator(BODY_ROW).filter({ has: app.locator('[role=gridcell][data-col="attention"]') });
  await expect(rows.first()).toBeVisible();
  // Every row in view gets its stage age: days from its last move or its creation, said in Spanish.
  const ages = app.locator('[role=gridcell][data-col="attention"] [data-decoration="stage-age"]');
  await expectEveryRowAged(app.getByRole('grid'));
  const mine = new Map(standin.demo.data.leads.filter((l) => l.responsible_user_id === manager.userId).map((l) => [l.id, l]));
  for (const age of await ages.all()) {
    const from = await age.getAttribute('data-stage-from');
    expect(['event', 'created']).toContain(from);
    await expect(age).toHaveText(/^( · )?\d+ días? en esta etapa$/);
  }
  // Only the leads on screen, the manager's own, at most ten a request: never a storm.
  const asked = standin.forwarded.slice(before).filter((line) => line.startsWith('GET /api/v4/events?'));
  expect(asked.length).toBeGreaterThan(0);
  expect(asked.length).toBeLessThanOrEqual(Math.ceil((await rows.count()) / 10) + 1);
  for (const line of asked) {
    expect(line).toContain('filter[type]=lead_status_changed');
    const ids = [...line.matchAll(/filter\[entity_id\]\[\]=(\d+)/g)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(10);
    for (const id of ids) expect(mine.has(id), `lead ${id} is the manager's`).toBe(true);
  }
  // A lead that never moved reads "since it was created": its age is the lead's own.
  const created = app.locator('[data-decoration="stage-age"][data-stage-from="created"]').first();
  if ((await created.count()) > 0) {
    const row = created.locator('xpath=ancestor::*[@role="row"][1]');
    const id = Number((await row.getAttribute('id'))?.replace(/\D/g, ''));
    const lead = mine.get(id);
    expect(lead).toBeDefined();
    const days = Number(await created.getAttribute('data-stage-days'));
    expect(Math.abs(days - Math.floor((Date.now() / 1000 - (lead?.created_at ?? 0)) / 86_400))).toBeLessThanOrEqual(1);
  }
});
