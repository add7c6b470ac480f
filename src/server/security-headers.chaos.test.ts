// Every HTML answer of the real server app carries the CSP (script-src 'self', frame-ancestors with
// Kommo's origins), Referrer-Policy and nosniff; every other answer carries the last two; none
// carries X-Frame-Options (it would stop the widget's iframe).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../../e2e/chaos/chaos-figures';
import { createServerApp } from './create-server-app.ts';
import { createDemoAccount } from './demo/demo-account.ts';
import { createLogger } from './redacting-logger.ts';

const TOKEN = 'headers-chaos-token-1234';
const dist = mkdtempSync(join(tmpdir(), 'chaos-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const demo = createDemoAccount({ leads: 20, token: TOKEN, rateLimit: false, faults: true });
const app = createServerApp({
  mode: 'demo',
  upstream: { baseUrl: 'http://demo.kommo.localhost', token: TOKEN, fetch: (r, c) => demo.app.fetch(r, c) },
  demoFaults: (r) => demo.app.fetch(r),
  distDir: dist,
  frameAncestors: ['https://*.kommo.com', 'https://*.amocrm.ru'],
  upstreamTimeoutMs: 500,
  logger: createLogger([TOKEN], () => undefined),
});

const HTML_TARGETS = [
  '/',
  '/index.html',
  '/?embedded=1',
  '/leads/deep/link',
  '/?query=%3Cscript%3E',
  '/%3Cscript%3E',
  '/..%2f..%2fetc/passwd',
  '/anything?x=1#y',
];
const OTHER_TARGETS = [
  '/assets/app.js',
  '/assets/missing.js',
  '/favicon.svg',
  '/healthz',
  '/app-config.json',
  '/api/v4/leads?limit=1',
  '/api/v4/nope',
  '/__demo/faults',
];

describe('security headers', () => {
  it('sends CSP, Referrer-Policy and nosniff on every HTML answer, and never X-Frame-Options', async () => {
    let missing = 0;
    const problems: string[] = [];
    let htmlSeen = 0;
    for (const target of [...HTML_TARGETS, ...OTHER_TARGETS]) {
      for (const accept of ['text/html,application/xhtml+xml', '*/*', 'application/json']) {
        const res = await app.request(target, { headers: { accept } });
        const h = res.headers;
        const isHtml = /text\/html/.test(h.get('content-type') ?? '');
        const fail = (what: string) => {
          missing++;
          problems.push(`${target} (${accept}, ${res.status}): ${what}`);
        };
        if (h.get('x-content-type-options') !== 'nosniff') fail('nosniff');
        if (!h.get('referrer-policy')) fail('referrer-policy');
        if (h.get('x-frame-options') !== null) fail('x-frame-options present');
        if (isHtml) {
          htmlSeen++;
          const csp = h.get('content-security-policy') ?? '';
          if (!/(^|;)\s*script-src 'self'(;|$)/.test(csp)) fail(`script-src: ${csp}`);
          if (!/frame-ancestors [^;]*https:\/\/\*\.kommo\.com/.test(csp) || !/frame-ancestors [^;]*https:\/\/\*\.amocrm\.ru/.test(csp))
            fail(`frame-ancestors: ${csp}`);
          if (/unsafe-eval|'unsafe-inline'[^;]*;?\s*$/.test(csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? ''))
            fail('unsafe script-src');
          if (!/object-src 'none'/.test(csp)) fail('object-src');
        }
      }
    }
    recordFigure({
      area: 'headers',
      source: 'security headers on HTML and other answers',
      tried: (HTML_TARGETS.length + OTHER_TARGETS.length) * 3,
      bad: missing,
    });
    expect(htmlSeen).toBeGreaterThanOrEqual(HTML_TARGETS.length * 2);
    expect(problems).toEqual([]);
  });
});
