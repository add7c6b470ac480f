import { resolve } from 'node:path';

export type DemoSettings = {
  /** Number of generated leads (DEMO_LEADS). */
  leads: number;
  /** Data seed (DEMO_SEED); undefined lets the demo account pick its own fixed default. */
  seed: number | undefined;
  /** DEMO_FAULTS=1: the fault control endpoint `/__demo/faults` exists. */
  faults: boolean;
  /** DEMO_RATE_LIMIT=off turns the demo's per-client 429s off. */
  rateLimit: boolean;
  /** DEMO_FIXTURE=hostile serves the hostile-data account of the chaos suite instead of the normal one. */
  fixture?: 'hostile';
};

export type RealSettings = {
  subdomain: string;
  /** The long-lived private-integration token. Lives only in server memory. */
  token: string;
  /** Upstream origin, no path: `https://<subdomain>.kommo.com` unless KOMMO_BASE_URL says otherwise. */
  baseUrl: string;
};

export type UpstreamSettings = ({ mode: 'demo' } & DemoSettings) | ({ mode: 'real' } & RealSettings);

export type ServerConfig = {
  port: number;
  host: string;
  /** Absolute path of the built SPA. */
  distDir: string;
  /** CSP frame-ancestors sources (Kommo's origins by default); 'self' is always added. */
  frameAncestors: readonly string[];
  /** Standalone URL of the app, for "copy link" when embedded; null when not configured. */
  publicUrl: string | null;
  /** How long one upstream call may take before the proxy answers 504. */
  upstreamTimeoutMs: number;
  upstream: UpstreamSettings;
};

export type ConfigResult =
  | { ok: true; config: ServerConfig; warnings: string[] }
  | { ok: false; errors: string[] };

export const DEFAULT_PORT = 3000;
// Loopback by default: in real mode this server holds an admin token, so it is not offered to the
// whole network unless HOST says so (HOST=0.0.0.0 in a container).
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DIST_DIR = 'dist';
export const DEFAULT_DEMO_LEADS = 5000;
export const MAX_DEMO_LEADS = 1_000_000;
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;
export const DEFAULT_FRAME_ANCESTORS = ['https://*.kommo.com', 'https://*.amocrm.com', 'https://*.amocrm.ru'] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Empty values count as unset, so a copied `.env` template with blank lines behaves like no setting. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function parseInteger(raw: string, name: string, min: number, max: number, errors: string[]): number | undefined {
  if (!/^\d+$/.test(raw)) {
    errors.push(`${name} must be a whole number between ${min} and ${max}, got "${raw}".`);
    return undefined;
  }
  const value = Number(raw);
  if (value < min || value > max) {
    errors.push(`${name} must be between ${min} and ${max}, got ${raw}.`);
    return undefined;
  }
  return value;
}

function parseSwitch(raw: string | undefined, name: string, errors: string[]): boolean {
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  errors.push(`${name} must be 1 or 0, got "${raw}".`);
  return false;
}

// A CSP host-source: scheme://host[:port] with an optional leading "*." label, or a bare scheme.
const HOST_SOURCE = /^(?:https?:\/\/)?(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::(?:\d{1,5}|\*))?$/i;

function parseFrameAncestors(raw: string | undefined, errors: string[]): readonly string[] {
  if (raw === undefined) return DEFAULT_FRAME_ANCESTORS;
  const sources = raw.split(/\s+/).filter((s) => s !== '');
  for (const source of sources) {
    if (!HOST_SOURCE.test(source) && source !== "'self'") {
      errors.push(`FRAME_ANCESTORS holds "${source}", which is not an origin like https://*.kommo.com (space-separated list).`);
    }
  }
  return sources.filter((s) => s !== "'self'");
}

function parseHttpUrl(raw: string, name: string, errors: string[], allowPath: boolean): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    errors.push(`${name} must be an http(s) URL, got "${raw}".`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    errors.push(`${name} must start with http:// or https://, got "${raw}".`);
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    errors.push(`${name} must not contain a user name or password.`);
    return undefined;
  }
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
    errors.push(`${name} must not have a query or fragment, got "${raw}".`);
    return undefined;
  }
  if (!allowPath && url.pathname !== '/') {
    errors.push(`${name} must be an origin without a path (e.g. https://acme.amocrm.ru), got "${raw}".`);
    return undefined;
  }
  return url;
}

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUpstream(env: Env, errors: string[], warnings: string[]): UpstreamSettings {
  const subdomain = read(env, 'KOMMO_SUBDOMAIN');
  const token = read(env, 'KOMMO_TOKEN');
  const baseUrlRaw = read(env, 'KOMMO_BASE_URL');

  if (subdomain === undefined && token === undefined) {
    if (baseUrlRaw !== undefined) {
      errors.push('KOMMO_BASE_URL is set but KOMMO_SUBDOMAIN and KOMMO_TOKEN are not: set both to use a real account, or unset KOMMO_BASE_URL for the demo account.');
    }
    const leadsRaw = read(env, 'DEMO_LEADS');
    const seedRaw = read(env, 'DEMO_SEED');
    const rateLimitRaw = read(env, 'DEMO_RATE_LIMIT');
    const fixtureRaw = read(env, 'DEMO_FIXTURE');
    if (fixtureRaw !== undefined && !['standard', 'hostile'].includes(fixtureRaw.toLowerCase())) {
      errors.push(`DEMO_FIXTURE must be "standard" or "hostile", got "${fixtureRaw}".`);
    }
    if (rateLimitRaw !== undefined && !['on', 'off'].includes(rateLimitRaw.toLowerCase())) {
      errors.push(`DEMO_RATE_LIMIT must be "on" or "off", got "${rateLimitRaw}".`);
    }
    return {
      mode: 'demo',
      leads: leadsRaw === undefined ? DEFAULT_DEMO_LEADS : (parseInteger(leadsRaw, 'DEMO_LEADS', 0, MAX_DEMO_LEADS, errors) ?? DEFAULT_DEMO_LEADS),
      seed: seedRaw === undefined ? undefined : parseInteger(seedRaw, 'DEMO_SEED', 0, 2 ** 32 - 1, errors),
      faults: parseSwitch(read(env, 'DEMO_FAULTS'), 'DEMO_FAULTS', errors),
      rateLimit: rateLimitRaw?.toLowerCase() !== 'off',
      fixture: fixtureRaw?.toLowerCase() === 'hostile' ? 'hostile' : undefined,
    };
  }

  if (subdomain === undefined || token === undefined) {
    const missing = subdomain === undefined ? 'KOMMO_SUBDOMAIN' : 'KOMMO_TOKEN';
    const present = subdomain === undefined ? 'KOMMO_TOKEN' : 'KOMMO_SUBDOMAIN';
    errors.push(`${present} is set but ${missing} is not: set both to use a real Kommo account, or neither for the built-in demo account.`);
    return { mode: 'real', subdomain: subdomain ?? '', token: token ?? '', baseUrl: '' };
  }
  if (!SUBDOMAIN.test(subdomain)) {
    errors.push(`KOMMO_SUBDOMAIN must be the account's subdomain only (e.g. "acme" for acme.kommo.com), got "${subdomain}".`);
  }
  // The token goes into a header: anything outside visible ASCII would allow header injection.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    errors.push('KOMMO_TOKEN contains spaces or characters that cannot appear in a token; paste the long-lived token exactly.');
  }
  let baseUrl = `https://${subdomain.toLowerCase()}.kommo.com`;
  if (baseUrlRaw !== undefined) {
    const url = parseHttpUrl(baseUrlRaw, 'KOMMO_BASE_URL', errors, false);
    if (url !== undefined) {
      baseUrl = url.origin;
      if (url.protocol === 'http:' && !LOOPBACK_HOSTNAMES.has(url.hostname)) {
        warnings.push(`KOMMO_BASE_URL uses plain http to ${url.host}: the token travels unencrypted.`);
      }
    }
  }
  for (const name of ['DEMO_LEADS', 'DEMO_SEED', 'DEMO_FAULTS', 'DEMO_RATE_LIMIT', 'DEMO_FIXTURE']) {
    if (read(env, name) !== undefined) warnings.push(`${name} is ignored with a real Kommo account.`);
  }
  return { mode: 'real', subdomain: subdomain.toLowerCase(), token, baseUrl };
}

/** Reads the server settings from the environment. Never throws: bad settings come back as messages. */
export function loadConfig(env: Env, cwd: string = process.cwd()): ConfigResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const portRaw = read(env, 'PORT');
  const port = portRaw === undefined ? DEFAULT_PORT : (parseInteger(portRaw, 'PORT', 0, 65535, errors) ?? DEFAULT_PORT);
  const host = read(env, 'HOST') ?? DEFAULT_HOST;
  if (!/^[a-z0-9.:_[\]-]+$/i.test(host)) errors.push(`HOST must be a host name or IP address, got "${host}".`);
  const distDir = resolve(cwd, read(env, 'DIST_DIR') ?? DEFAULT_DIST_DIR);
  const frameAncestors = parseFrameAncestors(env.FRAME_ANCESTORS, errors);
  const publicUrlRaw = read(env, 'PUBLIC_URL');
  const publicUrl = publicUrlRaw === undefined ? null : (parseHttpUrl(publicUrlRaw, 'PUBLIC_URL', errors, true)?.href ?? null);
  const timeoutRaw = read(env, 'UPSTREAM_TIMEOUT_MS');
  const upstreamTimeoutMs =
    timeoutRaw === undefined ? DEFAULT_UPSTREAM_TIMEOUT_MS : (parseInteger(timeoutRaw, 'UPSTREAM_TIMEOUT_MS', 100, 300_000, errors) ?? DEFAULT_UPSTREAM_TIMEOUT_MS);
  const upstream = parseUpstream(env, errors, warnings);

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, warnings, config: { port, host, distDir, frameAncestors, publicUrl, upstreamTimeoutMs, upstream } };
}

/** The text printed when the settings are unusable: one line per problem, no stack trace. */
export function formatConfigErrors(errors: readonly string[]): string {
  return ['Cannot start: the server settings are not usable.', ...errors.map((e) => `  - ${e}`), 'See README.md, "Configuration".'].join('\n');
}
