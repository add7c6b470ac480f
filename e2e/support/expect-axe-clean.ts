// axe as the reviewer runs it, one check for every spec: serious and critical violations, with the
// experimental label-content-name-mismatch rule switched on and the heading and landmark rules a
// screen-reader user navigates by, on the whole page or on what a test opened.
//
// axe runs in the page itself, injected once per document. @axe-core/playwright's default opens a blank
// page for every scan to merge the frames' results, and injects axe again each time: 5–6.5 s a scan of
// the dashboard against 1.7 s here (docs/performance.md, "Test suite time"). The dashboard has no
// frame, which each scan checks, so nothing goes unscanned.
import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';

type AxeScan = {
  /** What to scan (a CSS selector, every match): the whole page unless given. */
  include?: string;
  /** Only these rules run: a targeted check, such as one hovered button's contrast. */
  onlyRules?: readonly string[];
  /** What the failure message calls the scanned part: `include` unless given. */
  what?: string;
};

/** Moderate by axe's grading, but a heading or landmark out of place misleads a screen reader's navigation. */
const ALSO_FAILING = new Set(['heading-order', 'landmark-no-duplicate-banner', 'landmark-unique']);

type AxeWindow = typeof globalThis & { axe?: typeof axe };

/** No serious or critical violation (nor one of ALSO_FAILING) in what `scan` names, once it is opaque. */
export async function expectAxeClean(page: Page, { include = 'body', onlyRules, what = include }: AxeScan = {}) {
  // Mid-fade colours are blends, not the theme's: an overlay is read once it is opaque.
  await expect(page.locator(include).last()).toHaveCSS('opacity', '1');
  expect(page.frames(), 'a frame axe would not scan in the page').toHaveLength(1);
  if (await page.evaluate(() => (globalThis as AxeWindow).axe === undefined)) await page.evaluate(axe.source);
  const options: axe.RunOptions = onlyRules
    ? { runOnly: { type: 'rule', values: [...onlyRules] } }
    : { rules: { 'label-content-name-mismatch': { enabled: true } } };
  const results = await page.evaluate(({ selector, options }) => (globalThis as AxeWindow).axe!.run({ include: [selector] }, options), {
    selector: include,
    options,
  });
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_FAILING.has(v.id));
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
    ),
    `axe on ${what}`,
  ).toEqual([]);
}
