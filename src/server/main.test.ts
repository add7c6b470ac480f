import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';

const TOKEN = 'real_token_5f2c9a7e3b1d4c6f8a0e';
/** The header the app's fetch layer sends; without it the proxy answers 403. */
const APP = { 'x-kommo-leads-browser': '1' };

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts the start command's entry with the given environment (PORT=0: a free port, read back from the log line). */
function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DIST_DIR: '/nonexistent-dist', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForUrl(run: Run, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output());
    if (match) return match[1]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${run.output()}`);
}

const running: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
  for (const server of servers.splice(0)) server.close();
});

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function getWithHost(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host, ...APP } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('start command (src/server/main.ts)', () => {
  it('answers a rebinding Host with 403 on a 0.0.0.0 bind, and the names it was given', async () => {
    const run = start({ DEMO_LEADS: '50', HOST: '0.0.0.0', ALLOWED_HOSTS: 'leads.internal' });
    running.push(run.child);
    const deadline = Date.now() + 20_000;
    let port = 0;
    while (port === 0 && Date.now() < deadline) {
      const match = /at http:\/\/localhost:(\d+)/.exec(run.output());
      if (match) port = Number(match[1]);
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(port, run.output()).toBeGreaterThan(0);
    expect(await getWithHost(port, '/api/v4/leads?limit=1', `rebound.evil.example:${port}`)).toBe(403);
    expect(await getWithHost(port, '/', 'rebound.evil.example')).toBe(403);
    expect(await getWithHost(port, '/api/v4/leads?limit=1', `leads.internal:${port}`)).toBe(200);
    expect(await getWithHost(port, '/api/v4/leads?limit=1', `localhost:${port}`)).toBe(200);
  });

  it('refuses to start a real account on 0.0.0.0 without PUBLIC_URL or ALLOWED_HOSTS', async () => {
    const run = start({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: TOKEN, HOST: '0.0.0.0' });
    running.push(run.child);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/HOST=0\.0\.0\.0 listens beyond this machine/);
    expect(run.output()).not.toContain(TOKEN);
  });

  it.each([
    [{ KOMMO_TOKEN: TOKEN }, /KOMMO_TOKEN is set but KOMMO_SUBDOMAIN is not/],
    [{ KOMMO_SUBDOMAIN: 'acme' }, /KOMMO_SUBDOMAIN is set but KOMMO_TOKEN is not/],
    [{ PORT: 'abc' }, /PORT must be a whole number/],
  ])('exits 1 with a clear message and no stack trace for %j', async (env, message) => {
    const run = start(env);
    running.push(run.child);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(message);
    expect(run.output()).not.toMatch(/^\s+at /m);
    expect(run.output()).not.toContain(TOKEN);
  });

  it('serves the built-in demo account in-process, without the fault switches unless DEMO_FAULTS=1', async () => {
    const run = start({ DEMO_LEADS: '300' });
    running.push(run.child);
    const url = await waitForUrl(run);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, mode: 'demo' });
    const answer = await fetch(`${url}/api/v4/leads?limit=3`, { headers: APP });
    expect((await fetch(`${url}/api/v4/leads?limit=3`)).status).toBe(403);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { _embedded: { leads: unknown[] } };
    expect(body._embedded.leads).toHaveLength(3);
    expect((await fetch(`${url}/__demo/faults`, { headers: { accept: 'application/json' } })).status).toBe(404);
    expect((await fetch(`${url}/__demo/faults`, { method: 'POST', body: '{"hang":true}' })).status).toBe(404);
    expect(run.output()).toMatch(/built-in demo account, 300 leads/);
    expect(run.output()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('serves a real account through the proxy without ever showing the token', async () => {
    const seen: string[] = [];
    const kommo = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { 'content-type': 'application/hal+json', 'set-cookie': 'k=v' });
      res.end(JSON.stringify({ _embedded: { leads: [] }, echo: req.headers.authorization }));
    });
    servers.push(kommo);
    await new Promise<void>((resolve) => kommo.listen(0, '127.0.0.1', resolve));
    const address = kommo.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;

    const run = start({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: TOKEN, KOMMO_BASE_URL: `http://127.0.0.1:${port}` });
    running.push(run.child);
    const url = await waitForUrl(run);
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ ok: true, mode: 'real' });

    const answer = await fetch(`${url}/api/v4/leads?limit=5`, { headers: APP });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('set-cookie')).toBeNull();
    const text = await answer.text();
    expect(text).not.toContain(TOKEN);
    expect(seen).toEqual([`/api/v4/leads?limit=5 Bearer ${TOKEN}`]);
    expect((await fetch(`${url}/api/v4/leads`, { headers: { ...APP, 'x-forwarded-host': 'evil.example' } })).status).toBe(200);
    expect(seen).toHaveLength(2);

    const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/npm run build/);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/real Kommo account "acme"/);
    expect(run.output()).toMatch(/SIGTERM: shutting down/);
    expect(run.output()).not.toContain(TOKEN);
  });
});
