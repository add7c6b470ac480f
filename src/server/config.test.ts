import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAME_ANCESTORS, formatConfigErrors, loadConfig } from './config.ts';

const ok = (env: Record<string, string | undefined>) => {
  const result = loadConfig(env, '/srv/app');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
};
const errorsOf = (env: Record<string, string | undefined>) => {
  const result = loadConfig(env, '/srv/app');
  if (result.ok) throw new Error('expected a config error');
  return result.errors.join('\n');
};

describe('loadConfig', () => {
  it('defaults to the demo account on 127.0.0.1:3000 serving ./dist', () => {
    const { config } = ok({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', distDir: '/srv/app/dist', publicUrl: null, upstreamTimeoutMs: 30_000 });
    expect(config.upstream).toEqual({ mode: 'demo', leads: 5000, seed: undefined, faults: false, rateLimit: true });
    expect(config.frameAncestors).toEqual(DEFAULT_FRAME_ANCESTORS);
  });

  it('reads the demo switches', () => {
    const { config } = ok({ DEMO_LEADS: '100000', DEMO_SEED: '42', DEMO_FAULTS: '1', DEMO_RATE_LIMIT: 'off', PORT: '4510', HOST: '0.0.0.0', DIST_DIR: '/tmp/x' });
    expect(config.upstream).toEqual({ mode: 'demo', leads: 100000, seed: 42, faults: true, rateLimit: false });
    expect(config).toMatchObject({ port: 4510, host: '0.0.0.0', distDir: '/tmp/x' });
  });

  it('uses a real account when both KOMMO_SUBDOMAIN and KOMMO_TOKEN are set', () => {
    const { config, warnings } = ok({ KOMMO_SUBDOMAIN: 'Acme', KOMMO_TOKEN: 'tok.abc-123' });
    expect(config.upstream).toEqual({ mode: 'real', subdomain: 'acme', token: 'tok.abc-123', baseUrl: 'https://acme.kommo.com' });
    expect(warnings).toEqual([]);
  });

  it('takes KOMMO_BASE_URL as the upstream origin', () => {
    expect(ok({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'https://acme.amocrm.ru/' }).config.upstream).toMatchObject({ baseUrl: 'https://acme.amocrm.ru' });
    expect(ok({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'http://127.0.0.1:9000' }).config.upstream).toMatchObject({ baseUrl: 'http://127.0.0.1:9000' });
    expect(ok({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'http://kommo.internal' }).warnings.join()).toMatch(/unencrypted/);
  });

  it('treats blank values as unset', () => {
    expect(ok({ KOMMO_SUBDOMAIN: '', KOMMO_TOKEN: '  ', PORT: '' }).config).toMatchObject({ port: 3000, upstream: { mode: 'demo' } });
  });

  it.each([
    [{ KOMMO_SUBDOMAIN: 'acme' }, /KOMMO_SUBDOMAIN is set but KOMMO_TOKEN is not/],
    [{ KOMMO_TOKEN: 'secret-token' }, /KOMMO_TOKEN is set but KOMMO_SUBDOMAIN is not/],
    [{ KOMMO_BASE_URL: 'https://acme.kommo.com' }, /KOMMO_BASE_URL is set but/],
    [{ KOMMO_SUBDOMAIN: 'acme.kommo.com', KOMMO_TOKEN: 't0ken' }, /subdomain only/],
    [{ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 'two words' }, /KOMMO_TOKEN contains spaces/],
    [{ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'ftp://acme.kommo.com' }, /http:\/\/ or https:\/\//],
    [{ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'https://acme.kommo.com/api/v4' }, /without a path/],
    [{ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'https://acme.kommo.com?x=1' }, /query or fragment/],
    [{ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'https://u:p@acme.kommo.com' }, /user name or password/],
    [{ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'not a url' }, /must be an http\(s\) URL/],
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ DEMO_LEADS: '-5' }, /DEMO_LEADS must be a whole number/],
    [{ DEMO_LEADS: '5000000' }, /DEMO_LEADS must be between/],
    [{ DEMO_SEED: 'abc' }, /DEMO_SEED/],
    [{ DEMO_FAULTS: 'maybe' }, /DEMO_FAULTS must be 1 or 0/],
    [{ DEMO_RATE_LIMIT: 'sometimes' }, /DEMO_RATE_LIMIT must be "on" or "off"/],
    [{ FRAME_ANCESTORS: "https://*.kommo.com; script-src *" }, /FRAME_ANCESTORS/],
    [{ PUBLIC_URL: 'javascript:alert(1)' }, /PUBLIC_URL must start with http/],
    [{ UPSTREAM_TIMEOUT_MS: '5' }, /UPSTREAM_TIMEOUT_MS must be between/],
    [{ HOST: 'bad host' }, /HOST must be/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(errorsOf(env)).toMatch(message);
  });

  it('never echoes the token in an error', () => {
    expect(errorsOf({ KOMMO_TOKEN: 'very-secret-token-value' })).not.toContain('very-secret-token-value');
    expect(errorsOf({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 'very secret token' })).not.toContain('very secret token');
  });

  it('reports every problem at once, formatted without a stack trace', () => {
    const result = loadConfig({ PORT: 'x', DEMO_LEADS: 'y' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    const text = formatConfigErrors(result.errors);
    expect(text).toMatch(/^Cannot start/);
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('reads FRAME_ANCESTORS and PUBLIC_URL', () => {
    const { config } = ok({ FRAME_ANCESTORS: 'https://acme.kommo.com  http://localhost:4511', PUBLIC_URL: 'https://leads.example.com/app' });
    expect(config.frameAncestors).toEqual(['https://acme.kommo.com', 'http://localhost:4511']);
    expect(config.publicUrl).toBe('https://leads.example.com/app');
  });

  it('warns about demo settings ignored with a real account', () => {
    expect(ok({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', DEMO_LEADS: '10' }).warnings.join()).toMatch(/DEMO_LEADS is ignored/);
  });
});
