// Issue 21: a team on one server. A second server of the start command runs the demo account with
// sign-in on (AUTH=kommo, the demo integration's id, a secret known to this test); the stand-in Kommo
// page plays Kommo: its API answers with its user's session, and its disposable_token endpoint mints
// one-time tokens for that user as Kommo would.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintOneTimeToken } from '../src/server/auth/one-time-token';
import { DEMO_ACCOUNT_ID } from '../src/server/demo/demo-reference';
import { startKommoStandin, type KommoStandin, type StandinSignIn } from './fixtures/kommo-standin/standin-server';
import { KommoStandinPage } from './pages/kommo-standin-page';
import { API_HEADERS } from './support/api-headers';
import { startAppServer, type AppServer } from './support/app-server';
import { expect, test, type Page } from './support/test';
import { workerPorts } from './support/worker-ports';
import { workerSeed } from './support/worker-seed';

const { standin: STANDIN_PORT, team: TEAM_PORT } = workerPorts();
const TEAM = `http://127.0.0.1:${TEAM_PORT}`;
const KOMMO = `http://localhost:${STANDIN_PORT}`;
const SECRET = 'e2e-demo-integration-secret-0123456789';
const CLIENT_ID = '5f1c2a9e-7b0d-4c3e-9a61-2d8e4b7f0c15';
const DEMO_ORIGIN = 'http://demo.kommo.localhost';
const LEADS = 600;

type Member = { id: number; name: string; isAdmin: boolean; key: string };
type WireLead = { id: number; responsible_user_id: number };

let server: AppServer;
let standin: KommoStandin;
let team: Member[];
let auditFile: string;
const kommo: StandinSignIn & { userId: number } = { userId: 0 };

const member = (key: string): Member => {
  const found = team.find((m) => m.key === key);
  if (found === undefined) throw new Error(`no ${key} in the demo team`);
  return found;
};

/** A session for the stand-in's own API calls: Kommo's session of its signed-in user. */
async function kommoSession(userId: number): Promise<string> {
  const token = await mintOneTimeToken({
    secret: SECRET,
    clientId: CLIENT_ID,
    accountId: DEMO_ACCOUNT_ID,
    subdomain: 'demo',
    issuer: DEMO_ORIGIN,
    audience: TEAM,
    userId,
    isAdmin: false,
  });
  const response = await fetch(`${TEAM}/auth/kommo`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ token }).toString(),
  });
  expect(response.status).toBe(303);
  return /(klb_session=[^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? '';
}

/** Every lead the browser's session may read, through the team server's API. */
async function leadsOf(page: Page): Promise<WireLead[]> {
  const leads: WireLead[] = [];
  for (let n = 1; n < 20; n++) {
    const response = await page.context().request.get(`${TEAM}/api/v4/leads?limit=250&page=${n}`, { headers: API_HEADERS });
    if (response.status() === 204) break;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { _embedded: { leads: WireLead[] }; _links: { next?: unknown } };
    leads.push(...body._embedded.leads);
    if (body._links.next === undefined) break;
  }
  return leads;
}

/**
 * Console and page errors of a page the fixture does not watch (the new tab), each with the address
 * it is about (a failed load's resource; empty for a page error).
 */
function watchErrors(page: Page): { text: string; url: string }[] {
  const errors: { text: string; url: string }[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push({ text: m.text(), url: m.location().url });
  });
  page.on('pageerror', (e) => errors.push({ text: e.message, url: '' }));
  return errors;
}

const CATALOG_ELEMENTS = /^\/api\/v4\/catalogs\/\d+\/elements$/;

test.beforeAll(async () => {
  auditFile = join(mkdtempSync(join(tmpdir(), 'klb-audit-')), 'audit.jsonl');
  server = await startAppServer(TEAM_PORT, {
    AUTH: 'kommo',
    PUBLIC_URL: `${TEAM}/`,
    KOMMO_CLIENT_SECRET: SECRET,
    DEMO_LEADS: String(LEADS),
    DEMO_SEED: String(workerSeed()),
    FRAME_ANCESTORS: KOMMO,
    AUDIT_LOG: auditFile,
  });
  team = ((await (await fetch(`${TEAM}/auth/demo/team`)).json()) as { team: Member[] }).team;
  kommo.oneTimeToken = (clientUuid) =>
    clientUuid === CLIENT_ID
      ? mintOneTimeToken({
          secret: SECRET,
          clientId: CLIENT_ID,
          accountId: DEMO_ACCOUNT_ID,
          subdomain: 'demo',
          issuer: DEMO_ORIGIN,
          audience: TEAM,
          userId: kommo.userId,
          isAdmin: false,
        })
      : Promise.resolve(null);
  standin = await startKommoStandin(STANDIN_PORT, TEAM, kommo);
});

test.afterAll(async () => {
  await standin?.close();
  await server?.close();
});

test('a manager opens the dashboard from Kommo in a new tab: signed in, only their own leads, no export', async ({ page }) => {
  const manager = member('manager-no-export');
  kommo.userId = manager.id;
  kommo.apiCookie = await kommoSession(manager.id);
  const kommoPage = new KommoStandinPage(page, KOMMO);
  await kommoPage.goto('/leads/pipeline', `${TEAM}/`);
  await kommoPage.dashboardButton.click();
  await expect(kommoPage.modal).toBeVisible();
  const newTab = page.context().waitForEvent('page');
  await kommoPage.modalFrame.getByRole('button', { name: 'Abrir en una pestaña nueva' }).click();
  const tab = await newTab;
  const errors = watchErrors(tab);
  // This manager has no access to lists: Kommo refuses the catalogs' elements (the product and list
  // columns' names) with a 403, which the browser logs; that is a missing right, not an error.
  const refused: string[] = [];
  tab.on('response', (r) => {
    if (r.status() === 403) refused.push(new URL(r.url()).pathname);
  });
  await tab.waitForURL(`${TEAM}/**`);
  await expect(tab.getByText(`Signed in as ${manager.name}`)).toBeVisible();
  await expect(tab.getByRole('grid').getByRole('row').nth(1)).toBeVisible();
  await expect(tab.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  const leads = await leadsOf(tab);
  expect(leads.length).toBeGreaterThan(0);
  expect(leads.length).toBeLessThan(LEADS);
  expect(leads.every((lead) => lead.responsible_user_id === manager.id)).toBe(true);
  expect(
    refused.every((path) => CATALOG_ELEMENTS.test(path)),
    refused.join(', '),
  ).toBe(true);
  // Each 403 the browser logged is one of those refusals, told by its own address: counted against the
  // responses seen, a refusal whose log line came in before its response event (both arrive as the page
  // settles, and Playwright may hold a response for its extra headers) was one more log than responses.
  const logged403 = errors.filter((e) => /status of 403/.test(e.text));
  expect(logged403.filter((e) => !CATALOG_ELEMENTS.test(new URL(e.url, TEAM).pathname)).map((e) => `${e.text} ${e.url}`)).toEqual([]);
  expect(errors.filter((e) => !/status of 403/.test(e.text)).map((e) => e.text)).toEqual([]);
  const audit = readFileSync(auditFile, 'utf8');
  expect(audit).toContain(`"event":"sign-in","outcome":"accepted","userId":${manager.id}`);
  expect(audit).not.toContain(SECRET);
});

test('a bookmarked link opened without a session survives the sign-in; an administrator sees every lead; sign-out ends it', async ({ page }) => {
  const bookmark = '/?order%5Bid%5D=asc&filter%5Bprice%5D%5Bfrom%5D=1000';
  await page.goto(`${TEAM}${bookmark}`);
  await expect(page).toHaveURL(/\/sign-in\?reason=sign-in-required&return=/);
  await expect(page.getByRole('heading', { name: 'Sign in with Kommo' })).toBeVisible();
  await expect(page.getByText('Open it from Kommo')).toBeVisible();
  const admin = member('admin');
  await page.getByRole('button', { name: `Sign in as ${admin.name}` }).click();
  await expect(page).toHaveURL(`${TEAM}${bookmark}`);
  await expect(page.getByText(`Signed in as ${admin.name}`)).toBeVisible();
  await expect(page.getByRole('grid').getByRole('row').nth(1)).toBeVisible();
  expect(await leadsOf(page)).toHaveLength(LEADS);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${TEAM}/sign-in?reason=signed-out`);
  await expect(page.getByText('You are signed out.')).toBeVisible();
  const after = await page.context().request.get(`${TEAM}/api/v4/leads?limit=1`, { headers: API_HEADERS });
  expect(after.status()).toBe(401);
  expect(readFileSync(auditFile, 'utf8')).toContain(`"event":"sign-out","userId":${admin.id}`);
});
