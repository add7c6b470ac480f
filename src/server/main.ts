// The start command's entry (`tsx src/server/main.ts`): settings from the environment, the demo
// account or a real Kommo account behind the proxy, and the built SPA, on one port.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { AUTH_NONE_ANNOUNCEMENT, formatConfigErrors, loadConfig } from './config.ts';
import type { ServerConfig } from './config.ts';
import { createServerApp, NOT_BUILT_MESSAGE } from './create-server-app.ts';
import type { ServerAppOptions, ServerAuthOptions } from './create-server-app.ts';
import { auditSink, createAuditLog } from './audit-log.ts';
import { createMemoryStore } from './store/shared-store.ts';
import type { SharedStore } from './store/shared-store.ts';
import type { DemoTeamMember } from './auth/auth-routes.ts';
import { createHostGuard } from './host-guard.ts';
import { createLogger } from './redacting-logger.ts';
import type { Logger } from './redacting-logger.ts';

/** Cosmetic origin of the in-process demo account (its HAL links use it); never resolved or contacted. */
const DEMO_ORIGIN = 'http://demo.kommo.localhost';
const SHUTDOWN_GRACE_MS = 5000;

type Upstream = Pick<ServerAppOptions, 'mode' | 'upstream' | 'demoFaults'> & {
  summary: string;
  /** The demo's team for "Sign in as…" (issue 20's DEMO_TEAM roles, played by this seed's people). */
  team?: DemoTeamMember[];
};

async function buildUpstream(config: ServerConfig, demoToken: string): Promise<Upstream> {
  const settings = config.upstream;
  if (settings.mode === 'real') {
    return {
      mode: 'real',
      upstream: { baseUrl: settings.baseUrl, token: settings.token, fetch: (request) => fetch(request) },
      summary: `real Kommo account "${settings.subdomain}" via ${settings.baseUrl}`,
    };
  }
  const started = performance.now();
  // Loaded only in demo mode: a real-account server never builds (or even loads) the demo data.
  const { createDemoAccount } = await import('./demo/demo-account.ts');
  const { DEMO_TEAM } = await import('./demo/demo-reference.ts');
  const demo = createDemoAccount({
    leads: settings.leads,
    seed: settings.seed,
    token: demoToken,
    rateLimit: settings.rateLimit,
    faults: settings.faults,
    fixture: settings.fixture,
  });
  const built = Math.round(performance.now() - started);
  return {
    mode: 'demo',
    upstream: { baseUrl: DEMO_ORIGIN, token: demoToken, fetch: (request, client) => demo.app.fetch(request, client) },
    demoFaults: settings.faults ? (request) => demo.app.fetch(request) : undefined,
    team: demo.data.team.map((m) => ({ id: m.userId, name: m.name, key: m.key, isAdmin: DEMO_TEAM.find((p) => p.key === m.key)?.isAdmin ?? false })),
    summary: `built-in demo account, ${settings.leads} leads (ready in ${built} ms)${settings.faults ? ', fault switches at /__demo/faults' : ''}${settings.rateLimit ? '' : ', demo rate limit off'}${settings.fixture === 'hostile' ? ', HOSTILE data fixture' : ''}`,
  };
}

async function openStore(config: ServerConfig, logger: Logger): Promise<SharedStore> {
  if (config.redisUrl === null) return createMemoryStore();
  // Loaded only when asked for: a single instance never loads the Redis client.
  const { createRedisStore } = await import('./store/redis-store.ts');
  const store = createRedisStore({ url: config.redisUrl });
  try {
    await store.setIfAbsent('ping', '1', 1000);
  } catch (error) {
    await store.close();
    throw new Error(`REDIS_URL cannot be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  logger.info('sessions, used sign-in tokens and the request budget are shared through Redis');
  return store;
}

function displayUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

function handleShutdown(server: Server, logger: Logger) {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal}: shutting down`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Long-polling or stuck clients must not keep the process alive past the grace period.
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main() {
  const result = loadConfig(process.env);
  if (!result.ok) {
    console.error(formatConfigErrors(result.errors));
    process.exit(1);
  }
  const { config, warnings } = result;
  // In demo mode the token is made here, per process, and lives only in this process's memory.
  const demoToken = randomUUID();
  const secrets = [config.upstream.mode === 'real' ? config.upstream.token : demoToken];
  if (config.auth.mode === 'kommo' && config.auth.secret !== null) secrets.push(config.auth.secret);
  const logger = createLogger(secrets);
  process.on('unhandledRejection', (reason) => logger.error(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`));
  for (const warning of warnings) logger.warn(`warning: ${warning}`);

  const upstream = await buildUpstream(config, demoToken);
  if (config.auth.mode === 'none' && config.auth.announce) logger.warn(`warning: ${AUTH_NONE_ANNOUNCEMENT}`);
  let auth: ServerAuthOptions | undefined;
  if (config.auth.mode === 'kommo') {
    // The demo's integration secret is made per process unless set: its tokens are minted by this process.
    const secret = config.auth.secret ?? randomBytes(32).toString('base64url');
    auth = {
      clientId: config.auth.clientId,
      secret,
      audience: config.auth.audience,
      idleMs: config.auth.idleMs,
      maxMs: config.auth.maxMs,
      demoTeam: upstream.team === undefined ? undefined : () => Promise.resolve(upstream.team ?? []),
    };
  }
  const store = await openStore(config, logger);
  const app = createServerApp({
    auth,
    store,
    audit: createAuditLog(auditSink(config.auditLog)),
    trustedProxies: config.trustedProxies,
    ...upstream,
    distDir: config.distDir,
    frameAncestors: config.frameAncestors,
    publicUrl: config.publicUrl,
    allowHost: createHostGuard({ publicUrl: config.publicUrl, allowedHosts: config.allowedHosts }),
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    logger,
  });
  if (!existsSync(join(config.distDir, 'index.html'))) logger.warn(`warning: no index.html in ${config.distDir}. ${NOT_BUILT_MESSAGE}`);

  const server = serve({
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    serverOptions: {
      // Slow or stalled clients (slowloris) are cut off instead of holding sockets open.
      headersTimeout: 10_000,
      requestTimeout: 15_000,
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
      // How often Node enforces the two timeouts above (its default, 30 s, would let them overrun).
      connectionsCheckingInterval: 1_000,
    },
  }) as Server;
  // Idle sockets are dropped, but never before a slow upstream answer has had its full time.
  server.setTimeout(config.upstreamTimeoutMs + 15_000);
  server.on('error', (error: NodeJS.ErrnoException) => {
    const detail =
      error.code === 'EADDRINUSE'
        ? `port ${config.port} is already in use: set PORT to a free port.`
        : error.code === 'EACCES'
          ? `not allowed to listen on port ${config.port}: choose a port above 1024.`
          : error.message;
    logger.error(`Cannot start: ${detail}`);
    process.exit(1);
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const signIn = config.auth.mode === 'kommo' ? 'sign-in with Kommo' : config.auth.announce ? 'NO SIGN-IN (AUTH=none)' : 'no sign-in (loopback)';
    logger.info(
      `Kommo Leads Browser at ${displayUrl(config.host, port)} — ${upstream.summary}; ${signIn}; audit log to ${config.auditLog ?? 'stdout'}`,
    );
  });
  handleShutdown(server, logger);
}

main().catch((error: unknown) => {
  // Startup failures (e.g. the demo data could not be built) get one line, never a stack trace.
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
