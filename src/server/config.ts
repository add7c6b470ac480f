import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { getPublicSuffix } from 'tldts';

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

/** Sign-in with Kommo (one-time tokens), or none: loopback, or AUTH=none said out loud. */
export type AuthSettings =
  | {
      mode: 'kommo';
      /** KOMMO_CLIENT_ID: the integration's id, claim `client_uuid`. */
      clientId: string;
      /** KOMMO_CLIENT_SECRET; null in demo mode when not set: the demo makes one per process. */
      secret: string | null;
      /** PUBLIC_URL's origin: the `aud` a token must carry. */
      audience: string;
      idleMs: number;
      maxMs: number;
    }
  | {
      mode: 'none';
      /** AUTH=none on a real account served beyond loopback: announced on every start. */
      announce: boolean;
    };

export type ServerConfig = {
  port: number;
  host: string;
  /** Absolute path of the built SPA. */
  distDir: string;
  /** CSP frame-ancestors sources; 'self' is always added. Real account: its own origin by default; demo: Kommo's origins. */
  frameAncestors: readonly string[];
  /** ALLOWED_HOSTS: host names (lower-case, no port) the server answers under besides loopback and PUBLIC_URL's host. */
  allowedHosts: readonly string[];
  /** Standalone URL of the app, for "copy link" when embedded; null when not configured. */
  publicUrl: string | null;
  /** How long one upstream call may take before the proxy answers 504. */
  upstreamTimeoutMs: number;
  upstream: UpstreamSettings;
  auth: AuthSettings;
  /** REDIS_URL: sessions, used token ids and the request budget shared by several instances; null keeps them in memory. */
  redisUrl: string | null;
  /** AUDIT_LOG: the file the audit log is appended to; null writes it to stdout. */
  auditLog: string | null;
  /** TRUSTED_PROXIES: addresses of the reverse proxies whose X-Forwarded-For is believed. */
  trustedProxies: readonly string[];
};

export type ConfigResult = { ok: true; config: ServerConfig; warnings: string[] } | { ok: false; errors: string[] };

export const DEFAULT_PORT = 3000;
// Loopback by default: in real mode this server holds an admin token, so it is not offered to the
// whole network unless HOST says so (HOST=0.0.0.0 in a container).
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DIST_DIR = 'dist';
export const DEFAULT_DEMO_LEADS = 5000;
export const MAX_DEMO_LEADS = 1_000_000;
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;
export const DEFAULT_SESSION_IDLE_MINUTES = 480;
export const DEFAULT_SESSION_MAX_HOURS = 24;
/** The demo account's own integration id (its secret is made per process unless KOMMO_CLIENT_SECRET is set). */
export const DEMO_CLIENT_ID = '5f1c2a9e-7b0d-4c3e-9a61-2d8e4b7f0c15';
export const AUTH_NONE_ANNOUNCEMENT = "AUTH=none: sign-in is off, so everyone who reaches this server reads every lead with the server's token.";
/**
 * The demo's default: no Kommo page may frame it. Kommo's tenants share one storage site, so a
 * server trusting every tenant would let any tenant's page (anyone can open a trial) frame the app
 * next to a colleague's local copy: a widget deployment names its tenant in FRAME_ANCESTORS
 * (`https://acme.kommo.com`). A real-account server defaults to its own account's origin.
 */
export const DEFAULT_FRAME_ANCESTORS: readonly string[] = [];

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

// A CSP host-source as this server accepts it: scheme://host[:port] with an optional leading "*." label.
const HOST_SOURCE = /^(https?):\/\/((?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::(?:\d{1,5}))?$/i;
/**
 * A wildcard over a public suffix (`*.com`, `*.com.br`, `*.github.io`, `*.herokuapp.com`) trusts
 * every site anyone can register or publish under it. Checked against the whole Public Suffix List,
 * its private section included (tldts ships the list).
 */
function isPublicSuffix(host: string): boolean {
  return !host.includes('.') || getPublicSuffix(host, { allowPrivateDomains: true }) === host;
}

function isLoopbackName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Why a FRAME_ANCESTORS entry is refused, or null when it is a specific enough https origin. */
function frameAncestorProblem(source: string): string | null {
  const match = HOST_SOURCE.exec(source);
  if (match === null) {
    if (!source.includes(':/') && HOST_SOURCE.test(`https://${source}`)) return `"${source}" has no scheme: write it as https://${source}`;
    return `"${source}" is not an origin like https://acme.kommo.com`;
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const host = (match[2] ?? '').toLowerCase();
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (scheme === 'http' && !isLoopbackName(bare))
    return `"${source}" uses http://, which anyone on the network can impersonate: use https:// (http:// only for localhost)`;
  if (host.startsWith('*.') && isPublicSuffix(bare)) {
    return `"${source}" trusts every site under the public suffix "${bare}" (anyone can have one there): name the account's own origin (https://acme.kommo.com) or a company domain (https://*.kommo.com)`;
  }
  return null;
}

function parseFrameAncestors(raw: string | undefined, fallback: readonly string[], errors: string[]): readonly string[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  const sources = raw.split(/\s+/).filter((s) => s !== '' && s !== "'self'");
  for (const source of sources) {
    const problem = frameAncestorProblem(source);
    if (problem !== null) errors.push(`FRAME_ANCESTORS: ${problem} (a space-separated list of origins).`);
  }
  return sources;
}

function parseAllowedHosts(raw: string | undefined, errors: string[]): string[] {
  if (raw === undefined) return [];
  const hosts: string[] = [];
  for (const entry of raw.split(/[\s,]+/).filter((s) => s !== '')) {
    const host = entry.toLowerCase();
    if (!/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])$/.test(host)) {
      errors.push(`ALLOWED_HOSTS holds "${entry}", which is not a host name (no scheme, port, path or wildcard: e.g. leads.example.com,10.0.0.5).`);
      continue;
    }
    hosts.push(host);
  }
  return hosts;
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

/** A bind only this machine can reach: the Host guard alone then needs no configured names. */
function isLoopbackBind(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(name);
}

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUpstream(env: Env, errors: string[], warnings: string[]): UpstreamSettings {
  const subdomain = read(env, 'KOMMO_SUBDOMAIN');
  const token = read(env, 'KOMMO_TOKEN');
  const baseUrlRaw = read(env, 'KOMMO_BASE_URL');

  if (subdomain === undefined && token === undefined) {
    if (baseUrlRaw !== undefined) {
      errors.push(
        'KOMMO_BASE_URL is set but KOMMO_SUBDOMAIN and KOMMO_TOKEN are not: set both to use a real account, or unset KOMMO_BASE_URL for the demo account.',
      );
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseAuth(
  env: Env,
  o: { upstream: UpstreamSettings; host: string; publicUrl: string | null },
  errors: string[],
  warnings: string[],
): AuthSettings {
  const authRaw = read(env, 'AUTH')?.toLowerCase();
  const clientId = read(env, 'KOMMO_CLIENT_ID');
  const secret = read(env, 'KOMMO_CLIENT_SECRET');
  if (authRaw !== undefined && authRaw !== 'kommo' && authRaw !== 'none') errors.push(`AUTH must be "kommo" or "none", got "${authRaw}".`);
  if (clientId !== undefined && !UUID.test(clientId))
    errors.push(`KOMMO_CLIENT_ID must be the integration's id (a UUID, Kommo's "Integration ID"), got "${clientId}".`);
  if (secret !== undefined && (secret.length < 16 || !/^[\x21-\x7e]+$/.test(secret))) {
    errors.push("KOMMO_CLIENT_SECRET must be the integration's secret key as Kommo shows it (16 or more visible characters).");
  }
  const beyondLoopback = !isLoopbackBind(o.host);
  const real = o.upstream.mode === 'real';
  if (real && (clientId === undefined) !== (secret === undefined)) {
    errors.push(
      `${clientId === undefined ? 'KOMMO_CLIENT_SECRET' : 'KOMMO_CLIENT_ID'} is set but ${clientId === undefined ? 'KOMMO_CLIENT_ID' : 'KOMMO_CLIENT_SECRET'} is not: sign-in with Kommo needs both.`,
    );
  }
  const wanted = authRaw === 'kommo' || (authRaw === undefined && clientId !== undefined && (real ? secret !== undefined : true));
  if (authRaw === 'none') {
    if (clientId !== undefined || secret !== undefined)
      errors.push('AUTH=none contradicts KOMMO_CLIENT_ID/KOMMO_CLIENT_SECRET: unset one or the other.');
    return { mode: 'none', announce: real && beyondLoopback };
  }
  if (!wanted) {
    if (real && beyondLoopback) {
      errors.push(
        `HOST=${o.host} serves a real account beyond this machine without sign-in: set KOMMO_CLIENT_ID and KOMMO_CLIENT_SECRET (the integration's id and secret key, see README "For a team"), or AUTH=none if everyone who reaches this server may read every lead.`,
      );
    }
    return { mode: 'none', announce: false };
  }
  if (real && (clientId === undefined || secret === undefined)) {
    if (clientId === undefined && secret === undefined)
      errors.push("AUTH=kommo needs KOMMO_CLIENT_ID and KOMMO_CLIENT_SECRET (the integration's id and secret key).");
    return { mode: 'none', announce: false };
  }
  if (o.publicUrl === null) {
    errors.push(
      "Sign-in with Kommo needs PUBLIC_URL: the address users open, which is also the integration's redirect URI (one-time tokens name its origin).",
    );
  }
  const idleRaw = read(env, 'SESSION_IDLE_MINUTES');
  const maxRaw = read(env, 'SESSION_MAX_HOURS');
  const idle =
    idleRaw === undefined
      ? DEFAULT_SESSION_IDLE_MINUTES
      : (parseInteger(idleRaw, 'SESSION_IDLE_MINUTES', 1, 43_200, errors) ?? DEFAULT_SESSION_IDLE_MINUTES);
  const max =
    maxRaw === undefined ? DEFAULT_SESSION_MAX_HOURS : (parseInteger(maxRaw, 'SESSION_MAX_HOURS', 1, 720, errors) ?? DEFAULT_SESSION_MAX_HOURS);
  if (!real) warnings.push(`Sign-in is on for the demo account: "Sign in as…" lists its team.`);
  return {
    mode: 'kommo',
    clientId: (clientId ?? DEMO_CLIENT_ID).toLowerCase(),
    secret: secret ?? null,
    audience: o.publicUrl === null ? '' : new URL(o.publicUrl).origin,
    idleMs: idle * 60_000,
    maxMs: max * 3_600_000,
  };
}

function parseTrustedProxies(raw: string | undefined, errors: string[]): string[] {
  if (raw === undefined) return [];
  const out: string[] = [];
  for (const entry of raw.split(/[\s,]+/).filter((s) => s !== '')) {
    if (isIP(entry) === 0)
      errors.push(`TRUSTED_PROXIES holds "${entry}", which is not an IP address (the addresses of your reverse proxies, comma separated).`);
    else out.push(entry.toLowerCase());
  }
  return out;
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
  const publicUrlRaw = read(env, 'PUBLIC_URL');
  const publicUrl = publicUrlRaw === undefined ? null : (parseHttpUrl(publicUrlRaw, 'PUBLIC_URL', errors, true)?.href ?? null);
  const allowedHosts = parseAllowedHosts(read(env, 'ALLOWED_HOSTS'), errors);
  const timeoutRaw = read(env, 'UPSTREAM_TIMEOUT_MS');
  const upstreamTimeoutMs =
    timeoutRaw === undefined
      ? DEFAULT_UPSTREAM_TIMEOUT_MS
      : (parseInteger(timeoutRaw, 'UPSTREAM_TIMEOUT_MS', 100, 300_000, errors) ?? DEFAULT_UPSTREAM_TIMEOUT_MS);
  const upstream = parseUpstream(env, errors, warnings);
  const frameAncestors = parseFrameAncestors(
    env.FRAME_ANCESTORS,
    upstream.mode === 'real' && upstream.baseUrl !== '' ? [upstream.baseUrl] : DEFAULT_FRAME_ANCESTORS,
    errors,
  );
  if (!isLoopbackBind(host) && publicUrl === null && allowedHosts.length === 0) {
    const message = `HOST=${host} listens beyond this machine, but the server answers only under names it knows (a DNS-rebinding guard): set PUBLIC_URL to the address users open, or ALLOWED_HOSTS to the host names they use (e.g. ALLOWED_HOSTS=leads.example.com,10.0.0.5).`;
    if (upstream.mode === 'real') errors.push(message);
    else warnings.push(`${message} Until then only loopback names (localhost) are answered.`);
  }
  const auth = parseAuth(env, { upstream, host, publicUrl }, errors, warnings);
  const redisRaw = read(env, 'REDIS_URL');
  if (redisRaw !== undefined && !/^rediss?:\/\/\S+$/.test(redisRaw))
    errors.push('REDIS_URL must look like redis://host:6379 (or rediss:// for TLS).');
  const trustedProxies = parseTrustedProxies(read(env, 'TRUSTED_PROXIES'), errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    warnings,
    config: {
      port,
      host,
      distDir,
      frameAncestors,
      allowedHosts,
      publicUrl,
      upstreamTimeoutMs,
      upstream,
      auth,
      redisUrl: redisRaw ?? null,
      auditLog: read(env, 'AUDIT_LOG') === undefined ? null : resolve(cwd, read(env, 'AUDIT_LOG') ?? ''),
      trustedProxies,
    },
  };
}

/** The text printed when the settings are unusable: one line per problem, no stack trace. */
export function formatConfigErrors(errors: readonly string[]): string {
  return [
    'Cannot start: the server settings are not usable.',
    ...errors.map((e) => `  - ${e}`),
    'See README.md, "Settings (environment variables)".',
  ].join('\n');
}
