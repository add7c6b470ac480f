// Issue 11's first attack, in Chromium: a page on another origin (a tiny server on loopback) tries to
// use the proxy through hidden iframes, no-cors fetches, <img>, <script> and a CORS fetch that adds
// the app's header. It must learn nothing (every probe looks the same whatever the filter) and no
// probe may reach the upstream: the demo's burst429 fault counts the requests that reach it.
import { createServer, type Server } from 'node:http';
import { API_HEADERS } from './support/api-headers';
import { expect, test } from './support/test';
import { workerPorts } from './support/worker-ports';

const { app: APP_PORT, attacker: ATTACKER_PORT } = workerPorts();
const APP_ORIGIN = `http://127.0.0.1:${APP_PORT}`;
/** Another site: `localhost` is not `127.0.0.1` to the browser, so Sec-Fetch-Site says cross-site. */
const ATTACKER_ORIGIN = `http://localhost:${ATTACKER_PORT}`;
const BUDGET = 1000;

// The binary search of the review: a price filter that matches leads, and one that matches none.
const PROBES = [0, 999_999_999].map((from) => `${APP_ORIGIN}/api/v4/leads?filter[price][from]=${from}&limit=1`);

const ATTACKER_PAGE = `<!doctype html><meta charset="utf-8"><title>attacker</title><body><script>
const probes = ${JSON.stringify(PROBES)};
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function probe(url) {
  const seen = {};
  // Chromium fires load on a refused frame too (its error page). No timer stands in for it: one that
  // ran out first on a busy machine made one probe read differently from the other.
  seen.iframe = await new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.src = url;
    frame.onload = () => {
      let readable = 'unreadable';
      try { readable = frame.contentDocument ? 'readable: ' + frame.contentDocument.body.innerText.slice(0, 40) : 'unreadable'; } catch (e) { readable = 'unreadable'; }
      resolve('load, ' + readable);
    };
    document.body.append(frame);
  });
  try {
    const r = await fetch(url, { mode: 'no-cors', credentials: 'include' });
    seen.noCors = r.type + ' ' + r.status + ' ' + (await r.text()).length;
  } catch (e) { seen.noCors = 'rejected'; }
  try {
    const r = await fetch(url, { headers: { 'X-Kommo-Leads-Browser': '1' } });
    seen.corsWithHeader = r.status + ' ' + (await r.text()).slice(0, 40);
  } catch (e) { seen.corsWithHeader = 'rejected'; }
  seen.img = await new Promise((resolve) => { const i = new Image(); i.onload = () => resolve('load'); i.onerror = () => resolve('error'); i.src = url; });
  seen.script = await new Promise((resolve) => { const s = document.createElement('script'); s.onload = () => resolve('load'); s.onerror = () => resolve('error'); s.src = url; document.head.append(s); });
  return seen;
}
(async () => {
  const results = [];
  for (const url of probes) results.push(await probe(url));
  await wait(100);
  window.__results = results;
})();
</script></body>`;

let attacker: Server;
test.beforeAll(async () => {
  attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ATTACKER_PAGE));
  await new Promise<void>((resolve) => attacker.listen(ATTACKER_PORT, '127.0.0.1', resolve));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => attacker.close(() => resolve()));
});

test('a page on another site learns nothing through the proxy, and no probe reaches the upstream', async ({ page, request, faults, pageErrors }) => {
  // The browser's own reports of the refusals, on the attacker's page, are expected here.
  pageErrors.allow(/Failed to load resource|blocked by CORS policy|Refused to frame|Framing '[^']*' violates|ERR_BLOCKED_BY_RESPONSE|ERR_FAILED/);
  await faults.set({ burst429: BUDGET, pathPrefix: '/api/v4/leads' });
  const statuses: number[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(`${APP_ORIGIN}/api/`)) statuses.push(response.status());
  });

  await page.goto(`${ATTACKER_ORIGIN}/`);
  await page.waitForFunction(() => (window as unknown as { __results?: unknown }).__results !== undefined, undefined, { timeout: 40_000 });
  const results = (await page.evaluate(() => (window as unknown as { __results: Record<string, string>[] }).__results)) as Record<string, string>[];

  // Nothing readable, and the page that matches looks exactly like the page that does not.
  expect(results).toHaveLength(2);
  expect(results[0]).toEqual(results[1]);
  expect(results[0]?.iframe).not.toMatch(/readable:/);
  expect(results[0]?.noCors).toMatch(/^(rejected|opaque 0 0)$/);
  expect(results[0]?.corsWithHeader).toBe('rejected');
  expect(results[0]?.img).toBe('error');
  expect(results[0]?.script).toBe('error');
  // Whatever answers the browser saw, none was a page of leads (200) or an empty page (204).
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s !== 403)).toEqual([]);

  // No probe reached the demo account: the burst of 429s is untouched...
  const untouched = (await (await request.get('/__demo/faults', { headers: API_HEADERS })).json()) as { burst429: number };
  expect(untouched.burst429).toBe(BUDGET);
  // ...while the app's own kind of request does reach it and takes one (the counter counts).
  expect((await request.get('/api/v4/leads?limit=1', { headers: API_HEADERS })).status()).toBe(429);
  const after = (await (await request.get('/__demo/faults', { headers: API_HEADERS })).json()) as { burst429: number };
  expect(after.burst429).toBe(BUDGET - 1);
});
