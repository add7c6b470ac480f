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
    const { config } = ok({
      DEMO_LEADS: '100000',
      DEMO_SEED: '42',
      DEMO_FAULTS: '1',
      DEMO_RATE_LIMIT: 'off',
      PORT: '4510',
      HOST: '0.0.0.0',
      DIST_DIR: '/tmp/x',
    });
    expect(config.upstream).toEqual({ mode: 'demo', leads: 100000, seed: 42, faults: true, rateLimit: false });
    expect(config).toMatchObject({ port: 4510, host: '0.0.0.0', distDir: '/tmp/x' });
  });

  it('uses a real account when both KOMMO_SUBDOMAIN and KOMMO_TOKEN are set', () => {
    const { config, warnings } = ok({ KOMMO_SUBDOMAIN: 'Acme', KOMMO_TOKEN: 'tok.abc-123' });
    expect(config.upstream).toEqual({ mode: 'real', subdomain: 'acme', token: 'tok.abc-123', baseUrl: 'https://acme.kommo.com' });
    expect(warnings).toEqual([]);
  });

  it('takes KOMMO_BASE_URL as the upstream origin', () => {
    expect(ok({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'https://acme.amocrm.ru/' }).config.upstream).toMatchObject({
      baseUrl: 'https://acme.amocrm.ru',
    });
    expect(ok({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'http://127.0.0.1:9000' }).config.upstream).toMatchObject({
      baseUrl: 'http://127.0.0.1:9000',
    });
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
    [{ FRAME_ANCESTORS: 'https://*.kommo.com; script-src *' }, /FRAME_ANCESTORS/],
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

describe('loadConfig: who may frame the app and under which names it answers (issue 11)', () => {
  it("defaults FRAME_ANCESTORS to the account's own origin with a real account, to no framing page for the demo", () => {
    expect(ok({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken' }).config.frameAncestors).toEqual(['https://acme.kommo.com']);
    expect(ok({ KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken', KOMMO_BASE_URL: 'https://acme.amocrm.ru' }).config.frameAncestors).toEqual([
      'https://acme.amocrm.ru',
    ]);
    // Not every Kommo tenant: another tenant's page shares the browser's storage site with this one.
    expect(ok({}).config.frameAncestors).toEqual([]);
  });

  it.each([
    ['https://*.com', /every site under the public suffix "com"/],
    ['https://*.com.br', /every site under the public suffix "com\.br"/],
    // The Public Suffix List's private section (issue 21's review): anyone can publish under these.
    ['https://*.github.io', /every site under the public suffix "github\.io"/],
    ['https://*.herokuapp.com', /public suffix "herokuapp\.com"/],
    ['https://*.s3.amazonaws.com', /public suffix "s3\.amazonaws\.com"/],
    ['https://*.co.uk', /public suffix "co\.uk"/],
    ['http://acme.kommo.com', /uses http:\/\//],
    ['http://*.kommo.com', /uses http:\/\//],
    ['acme.kommo.com', /has no scheme: write it as https:\/\/acme\.kommo\.com/],
    ['*.kommo.com', /has no scheme/],
    ['*', /not an origin/],
    ['https:', /not an origin/],
    ['https://acme.kommo.com/path', /not an origin/],
  ])('refuses FRAME_ANCESTORS=%s at start', (value, message) => {
    expect(errorsOf({ FRAME_ANCESTORS: value })).toMatch(message);
  });

  it('accepts specific https origins, company wildcards and http only on loopback', () => {
    const value = 'https://acme.kommo.com https://*.amocrm.ru http://localhost:4611 http://127.0.0.1:9000 https://acme.kommo.com:8443';
    expect(ok({ FRAME_ANCESTORS: value }).config.frameAncestors).toHaveLength(5);
  });

  it('reads ALLOWED_HOSTS and refuses entries that are not host names', () => {
    expect(ok({ ALLOWED_HOSTS: 'Leads.Example.com, 10.0.0.5 [fd00::1]' }).config.allowedHosts).toEqual([
      'leads.example.com',
      '10.0.0.5',
      '[fd00::1]',
    ]);
    expect(errorsOf({ ALLOWED_HOSTS: 'https://leads.example.com' })).toMatch(/ALLOWED_HOSTS holds "https:\/\/leads.example.com"/);
    expect(errorsOf({ ALLOWED_HOSTS: '*.example.com' })).toMatch(/not a host name/);
  });

  it('refuses to start a real account on a non-loopback bind without PUBLIC_URL or ALLOWED_HOSTS', () => {
    const real = { KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken' };
    expect(errorsOf({ ...real, HOST: '0.0.0.0' })).toMatch(/HOST=0\.0\.0\.0 listens beyond this machine.*set PUBLIC_URL.*or ALLOWED_HOSTS/);
    expect(ok({ ...real, HOST: '0.0.0.0', ALLOWED_HOSTS: 'leads.internal', AUTH: 'none' }).config.host).toBe('0.0.0.0');
    expect(ok({ ...real, HOST: '0.0.0.0', PUBLIC_URL: 'https://leads.example.com/', AUTH: 'none' }).config.host).toBe('0.0.0.0');
    expect(ok({ ...real, HOST: '::ffff:127.0.0.1' }).config.host).toBe('::ffff:127.0.0.1');
    // The demo holds no token: it starts, saying only loopback names are answered until names are set.
    expect(ok({ HOST: '0.0.0.0' }).warnings.join()).toMatch(/only loopback names/);
  });
});

describe('loadConfig: sign-in and start rules (issue 21)', () => {
  const real = { KOMMO_SUBDOMAIN: 'acme', KOMMO_TOKEN: 't0ken' };
  const integration = { KOMMO_CLIENT_ID: '0b3c1f62-46f0-4c55-9e4e-5a1a7d2b9c10', KOMMO_CLIENT_SECRET: 'a-secret-key-of-kommo-0123456789' };
  const team = { ...real, HOST: '0.0.0.0', PUBLIC_URL: 'https://leads.example.com/' };

  it('refuses a real account beyond loopback without the integration id and secret, naming both ways out', () => {
    expect(errorsOf(team)).toMatch(/without sign-in: set KOMMO_CLIENT_ID and KOMMO_CLIENT_SECRET.*or AUTH=none/);
  });

  it('turns sign-in on with both settings, the audience being PUBLIC_URL origin', () => {
    const { config } = ok({ ...team, ...integration });
    expect(config.auth).toMatchObject({
      mode: 'kommo',
      clientId: integration.KOMMO_CLIENT_ID,
      secret: integration.KOMMO_CLIENT_SECRET,
      audience: 'https://leads.example.com',
    });
    expect(config.auth).toMatchObject({ idleMs: 480 * 60_000, maxMs: 24 * 3_600_000 });
  });

  it('starts without sign-in when AUTH=none is said, and marks it for the announcement', () => {
    expect(ok({ ...team, AUTH: 'none' }).config.auth).toEqual({ mode: 'none', announce: true });
  });

  it('keeps loopback working without sign-in, unannounced', () => {
    expect(ok(real).config.auth).toEqual({ mode: 'none', announce: false });
  });

  it('refuses half an integration, a malformed id, a short secret and sign-in without PUBLIC_URL', () => {
    expect(errorsOf({ ...team, KOMMO_CLIENT_ID: integration.KOMMO_CLIENT_ID })).toMatch(/KOMMO_CLIENT_ID is set but KOMMO_CLIENT_SECRET is not/);
    expect(errorsOf({ ...team, ...integration, KOMMO_CLIENT_ID: 'my-integration' })).toMatch(/KOMMO_CLIENT_ID must be the integration's id/);
    expect(errorsOf({ ...team, ...integration, KOMMO_CLIENT_SECRET: 'short' })).toMatch(/KOMMO_CLIENT_SECRET must be/);
    expect(errorsOf({ ...real, ...integration })).toMatch(/Sign-in with Kommo needs PUBLIC_URL/);
    expect(errorsOf({ ...team, ...integration, AUTH: 'none' })).toMatch(/AUTH=none contradicts/);
    expect(errorsOf({ ...team, AUTH: 'maybe' })).toMatch(/AUTH must be "kommo" or "none"/);
  });

  it('lets the demo sign in with its own integration id when AUTH=kommo, and reads the shared-store and audit settings', () => {
    const { config } = ok({
      AUTH: 'kommo',
      PUBLIC_URL: 'http://localhost:3000/',
      REDIS_URL: 'redis://127.0.0.1:6391',
      AUDIT_LOG: 'audit.jsonl',
      TRUSTED_PROXIES: '10.0.0.1, ::1',
    });
    expect(config.auth).toMatchObject({ mode: 'kommo', secret: null, audience: 'http://localhost:3000' });
    expect(config).toMatchObject({ redisUrl: 'redis://127.0.0.1:6391', auditLog: '/srv/app/audit.jsonl', trustedProxies: ['10.0.0.1', '::1'] });
    expect(errorsOf({ REDIS_URL: 'localhost:6379' })).toMatch(/REDIS_URL must look like redis:/);
    expect(errorsOf({ TRUSTED_PROXIES: 'proxy.internal' })).toMatch(/TRUSTED_PROXIES holds "proxy.internal"/);
  });
});
