import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createServerApp, NOT_BUILT_MESSAGE } from './create-server-app.ts';
import type { ServerAppOptions } from './create-server-app.ts';
import { createLogger } from './redacting-logger.ts';
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE } from '@/kommo/api-paths.ts';

const API_HEADERS = { [APP_REQUEST_HEADER]: APP_REQUEST_HEADER_VALUE };

const TOKEN = 'demo-token-7f3a9c1e-5b2d-4e8f-9a6b-1c2d3e4f5a6b';

function makeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'server-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(
    join(dir, 'assets', 'big-def456.js'),
    `export const rows = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ id: i, name: `Lead ${i}` })))};`,
  );
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

function makeApp(over: Partial<ServerAppOptions> = {}) {
  const upstream = new Hono();
  upstream.get('/api/v4/leads', (c) => c.json({ ok: c.req.header('authorization') === `Bearer ${TOKEN}` }));
  upstream.all('/__demo/faults', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${TOKEN}`) return c.json({ error: 'unauthorized' }, 401);
    return c.json({ method: c.req.method, body: c.req.method === 'GET' ? null : await c.req.json() });
  });
  return createServerApp({
    mode: 'demo',
    upstream: { baseUrl: 'http://demo.invalid', token: TOKEN, fetch: (r) => upstream.fetch(r) },
    distDir: makeDist(),
    frameAncestors: ['https://*.kommo.com', 'https://*.amocrm.ru'],
    upstreamTimeoutMs: 1000,
    logger: createLogger([TOKEN], () => undefined),
    ...over,
  });
}

const html = { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } };

describe('server app', () => {
  it('answers /healthz with the mode', async () => {
    const response = await makeApp().request('/healthz');
    expect(await response.json()).toEqual({ ok: true, mode: 'demo' });
  });

  it('serves index.html with the CSP, nosniff, no-referrer, no-cache and no X-Frame-Options', async () => {
    const response = await makeApp().request('/', html);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors https://*.kommo.com https://*.amocrm.ru 'self'",
      "base-uri 'self'",
      "object-src 'none'",
      "form-action 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for app routes that accept HTML', async () => {
    const app = makeApp();
    const response = await app.request('/leads?sort=price&dir=desc', html);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors/);
    expect((await app.request('/leads', { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('caches hashed assets for a year and 404s missing ones', async () => {
    const app = makeApp();
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await app.request('/assets/missing-000.js', html)).status).toBe(404);
    const icon = await app.request('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('gzips what the browser accepts gzipped, large assets and API answers alike, and nothing else', async () => {
    const app = makeApp();
    const gzip = { headers: { 'accept-encoding': 'gzip, deflate, br' } };
    const plain = await app.request('/assets/big-def456.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const source = await plain.text();
    const packed = await app.request('/assets/big-def456.js', gzip);
    expect(packed.headers.get('content-encoding')).toBe('gzip');
    expect(packed.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(packed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = new Uint8Array(await packed.arrayBuffer());
    expect(bytes.length).toBeLessThan(source.length / 3);
    expect(gunzipSync(bytes).toString('utf8')).toBe(source);
    // Tiny answers are not worth it.
    expect((await app.request('/assets/index-abc123.js', gzip)).headers.get('content-encoding')).toBeNull();
  });

  it('sends nosniff on API answers too', async () => {
    const response = await makeApp().request('/api/v4/leads', { headers: { 'x-kommo-leads-browser': '1' } });
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('says how to build when DIST_DIR has no index.html', async () => {
    const app = makeApp({ distDir: mkdtempSync(join(tmpdir(), 'server-empty-')) });
    const response = await app.request('/', html);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe(NOT_BUILT_MESSAGE);
  });

  it('exposes /__demo/faults only when given the demo app, adding the demo token itself', async () => {
    const withFaults = makeApp({
      demoFaults: (r) =>
        new Hono().all('/__demo/faults', (c) => c.json({ auth: c.req.header('authorization') === `Bearer ${TOKEN}`, method: c.req.method })).fetch(r),
    });
    const post = await withFaults.request('/__demo/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...API_HEADERS },
      body: '{"latencyMs":100}',
    });
    expect(await post.json()).toEqual({ auth: true, method: 'POST' });
    // The switches sit behind the API's gate: a request without the app's header (another page's form) is refused.
    const foreign = await withFaults.request('/__demo/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hang":true}',
    });
    expect(foreign.status).toBe(403);
    const without = await makeApp().request('/__demo/faults', { method: 'POST', body: '{}' });
    expect(without.status).toBe(404);
  });

  it('answers an internal error with problem+json and no stack', async () => {
    const app = makeApp({
      demoFaults: () => {
        throw new Error(`kaboom ${TOKEN}`);
      },
    });
    const response = await app.request('/__demo/faults', { headers: API_HEADERS });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('kaboom');
    expect(text).not.toContain(TOKEN);
  });
});
