// axe as the reviewer runs it: serious and critical violations, with the experimental
// label-content-name-mismatch rule switched on, on the whole page or on what a test opened.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** No serious or critical violation in `include` (the whole page unless given), after its opening fade. */
export async function expectAxeClean(page: Page, include = 'body') {
  // Mid-fade colours are blends, not the theme's: the overlay is read once it is opaque.
  await expect(page.locator(include).last()).toHaveCSS('opacity', '1');
  const results = await new AxeBuilder({ page })
    .include(include)
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
    ),
    `axe on ${include}`,
  ).toEqual([]);
}
