import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerApp } from './create-server-app.ts';
import { createLogger } from './redacting-logger.ts';

const dist = mkdtempSync(join(tmpdir(), 'headers-dist-'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'export {};');
writeFileSync(join(dist, 'assets', 'local-copy.worker-DD7tRZ68.js'), 'export {};');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function app(publicUrl: string | null) {
  return createServerApp({
    mode: 'real',
    upstream: {
      baseUrl: 'https://acme.kommo.com',
      token: 'tok_headers_1234',
      fetch: () => new Response('{}', { headers: { 'content-type': 'application/json' } }),
    },
    distDir: dist,
    frameAncestors: ['https://acme.kommo.com'],
    upstreamTimeoutMs: 1000,
    logger: createLogger(['tok_headers_1234'], () => undefined),
    publicUrl,
  });
}

describe('security headers (issue 11)', () => {
  it('sends COOP, CORP and the Permissions-Policy on the app and the API; no X-Frame-Options', async () => {
    for (const [target, headers] of [
      ['/', { accept: 'text/html' }],
      ['/api/v4/account', { 'x-kommo-leads-browser': '1' }],
      ['/healthz', {}],
    ] as const) {
      const h = (await app(null).request(target, { headers })).headers;
      expect(h.get('cross-origin-opener-policy'), target).toBe('same-origin');
      expect(h.get('cross-origin-resource-policy'), target).toBe('same-origin');
      expect(h.get('permissions-policy'), target).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
      expect(h.get('permissions-policy'), target).not.toMatch(/clipboard/);
      expect(h.get('x-frame-options'), target).toBeNull();
      expect(h.get('strict-transport-security'), target).toBeNull();
    }
    const html = (await app(null).request('/', { headers: { accept: 'text/html' } })).headers.get('content-security-policy');
    expect(html).toMatch(/frame-ancestors https:\/\/acme\.kommo\.com 'self'/);
  });

  it('leaves the local copy worker a real origin (no sandbox, so IndexedDB opens) and lets it load only own scripts; other assets stay sandboxed', async () => {
    const worker = (await app(null).request('/assets/local-copy.worker-DD7tRZ68.js')).headers.get('content-security-policy');
    expect(worker).toBe("default-src 'none'; script-src 'self'");
    const asset = (await app(null).request('/assets/index-abc123.js')).headers.get('content-security-policy');
    expect(asset).toMatch(/default-src 'none'.*; sandbox$/);
    // Browsers say a dedicated worker's script is for a worker, whatever its name.
    const named = (await app(null).request('/assets/index-abc123.js', { headers: { 'sec-fetch-dest': 'worker' } })).headers.get(
      'content-security-policy',
    );
    expect(named).toBe("default-src 'none'; script-src 'self'");
  });

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    const secure = await app('https://leads.example.com/').request('/', { headers: { accept: 'text/html', host: 'leads.example.com' } });
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const plain = await app('http://leads.example.com/').request('/', { headers: { accept: 'text/html', host: 'leads.example.com' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});
