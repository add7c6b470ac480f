// What a first visit downloads before the first screen can run: the scripts, module preloads and
// stylesheets that the built index.html names (lazy chunks are not among them), gzipped as the
// server sends them. `firstLoadBudget` fails `vite build` (and so `npm test`) when they grow past
// the budget; `npm run bench` prints the same figures against the targets.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export type FirstLoadSizes = { jsGzipKb: number; cssGzipKb: number; jsRawKb: number; files: string[] };

/** The targets: what "a lighter first load" means. */
export const FIRST_LOAD_TARGETS = { jsGzipKb: 200, cssGzipKb: 25 } as const;

/**
 * The enforced budget: the JavaScript target itself (194.3 KB measured on 2026-12-01), and for CSS
 * what the build measures today (15.9 KB) plus a little headroom, well inside its target.
 */
export const FIRST_LOAD_BUDGET = { jsGzipKb: 200, cssGzipKb: 17 } as const;

const KB = 1000;

export function measureFirstLoad(distDir: string): FirstLoadSizes {
  const html = readFileSync(resolve(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  const files = [...new Set(refs)];
  let js = 0;
  let css = 0;
  let jsRaw = 0;
  for (const file of files) {
    const bytes = readFileSync(resolve(distDir, `.${file}`));
    const gz = gzipSync(bytes, { level: 9 }).length;
    if (file.endsWith('.js')) {
      js += gz;
      jsRaw += bytes.length;
    } else css += gz;
  }
  const round = (n: number) => Math.round((n / KB) * 10) / 10;
  return { jsGzipKb: round(js), cssGzipKb: round(css), jsRawKb: round(jsRaw), files };
}

/** A Vite plugin: after the bundle is written, measure the first load and fail the build past the budget. */
export function firstLoadBudget(budget: { jsGzipKb: number; cssGzipKb: number } = FIRST_LOAD_BUDGET): Plugin {
  let outDir = 'dist';
  // A build under NODE_ENV=test (a Vitest test building the bundle) ships React's development
  // build: not what a user downloads, so not measured against the budget.
  let production = true;
  return {
    name: 'first-load-budget',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      production = config.isProduction;
    },
    closeBundle() {
      if (!production) return;
      const sizes = measureFirstLoad(outDir);
      const line = `first load: ${sizes.jsGzipKb} KB JS (budget ${budget.jsGzipKb}), ${sizes.cssGzipKb} KB CSS (budget ${budget.cssGzipKb}), gzipped`;
      if (sizes.jsGzipKb > budget.jsGzipKb || sizes.cssGzipKb > budget.cssGzipKb) {
        throw new Error(`${line}: over budget. Move what the first screen does not run into a lazy chunk (see README, Performance).`);
      }
      this.info?.(line);
    },
  };
}
