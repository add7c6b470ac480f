import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServerApp } from './create-server-app.ts';
import type { ServerAppOptions } from './create-server-app.ts';
import { createLogger } from './redacting-logger.ts';

function makeApp(over: Partial<ServerAppOptions> = {}) {
  return createServerApp({
    mode: 'demo',
    upstream: { baseUrl: 'http://demo.invalid', token: 'token-for-test', fetch: async () => new Response('{}') },
    distDir: mkdtempSync(join(tmpdir(), 'app-config-dist-')),
    frameAncestors: ['https://*.kommo.com', 'https://acme.amocrm.ru'],
    upstreamTimeoutMs: 1000,
    logger: createLogger([], () => undefined),
    ...over,
  });
}

describe('/app-config.json', () => {
  it('hands the parent-origin allowlist and the public URL to the embedded app, uncached', async () => {
    const response = await makeApp({ publicUrl: 'https://leads.example.com/' }).request('/app-config.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      mode: 'demo',
      parentOrigins: ['https://*.kommo.com', 'https://acme.amocrm.ru'],
      publicUrl: 'https://leads.example.com/',
      kommoBaseUrl: null,
    });
  });

  it('names the real account’s Kommo address for "open in Kommo" links; the demo account has none', async () => {
    const real = makeApp({
      mode: 'real',
      upstream: { baseUrl: 'https://acme.kommo.com', token: 'token-for-test', fetch: async () => new Response('{}') },
    });
    expect(await (await real.request('/app-config.json')).json()).toMatchObject({ kommoBaseUrl: 'https://acme.kommo.com' });
    expect(await (await makeApp().request('/app-config.json')).json()).toMatchObject({ kommoBaseUrl: null });
  });

  it('says whether it proxies to the demo account or a real one, as /healthz does', async () => {
    const real = makeApp({
      mode: 'real',
      upstream: { baseUrl: 'https://acme.kommo.com', token: 'token-for-test', fetch: async () => new Response('{}') },
    });
    expect(await (await real.request('/app-config.json')).json()).toMatchObject({ mode: 'real' });
    expect(await (await real.request('/healthz')).json()).toEqual({ ok: true, mode: 'real' });
    expect(await (await makeApp().request('/app-config.json')).json()).toMatchObject({ mode: 'demo' });
  });

  it('says null when no public URL is configured, and never carries the token', async () => {
    const response = await makeApp().request('/app-config.json');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ publicUrl: null });
    expect(text).not.toContain('token-for-test');
  });
});
