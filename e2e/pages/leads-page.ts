// Page object of the leads table: role-based locators, plus the few hooks the table exposes
// (`leads-scroll`, `leads-status`, `data-col` on cells) where roles alone cannot say which column.
import { expect, type Locator, type Page } from '@playwright/test';

/** A data row of the grid: the header row has aria-rowindex 1; the totals row is under the data rows. */
export const BODY_ROW = '[role=row]:not([aria-rowindex="1"]):not([data-testid="leads-totals"])';

/**
 * Every data row drawn in `grid` has its days in the stage, read in one pass over the grid: counted
 * apart, the rows and the ages were two moments of a list still being drawn, and could agree on a wrong state.
 */
export async function expectEveryRowAged(grid: Locator) {
  await expect
    .poll(() =>
      grid.evaluate((el, bodyRow) => {
        const rows = [...el.querySelectorAll(bodyRow)];
        return (
          rows.length > 0 && rows.every((row) => row.querySelector('[role=gridcell][data-col="attention"] [data-decoration="stage-age"]') !== null)
        );
      }, BODY_ROW),
    )
    .toBe(true);
}

export class LeadsPage {
  readonly grid: Locator;
  readonly status: Locator;
  readonly bodyRows: Locator;
  /** On a phone (under 640 px): the feed of lead cards, and its cards. */
  readonly feed: Locator;
  readonly cards: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Leads' });
    this.status = page.getByTestId('leads-status');
    this.bodyRows = this.grid.locator(BODY_ROW);
    this.feed = page.getByRole('feed', { name: 'Leads' });
    this.cards = this.feed.getByRole('article');
  }

  async goto(search = '') {
    await this.page.goto(`/${search}`);
  }

  async waitForRows() {
    await this.bodyRows.first().waitFor({ state: 'visible' });
  }

  /** The number in "N leads loaded". */
  async loadedCount(): Promise<number> {
    const text = await this.status.innerText();
    const match = /([\d,.\s]+)\s+leads? loaded/.exec(text);
    return match ? Number(match[1]!.replace(/[^\d]/g, '')) : 0;
  }

  cell(row: Locator, columnId: string): Locator {
    return row.locator(`[role=gridcell][data-col="${columnId}"]`);
  }

  rowByIndex(index: number): Locator {
    return this.grid.locator(`[role=row][aria-rowindex="${index + 2}"]`);
  }

  /** One lead's row, whatever rows open, close or scroll around it (a filtered `.first()` may move on). */
  rowOfLead(id: number): Locator {
    return this.grid.locator(`[id="lead-row-${id}"]`);
  }

  /** An open lead's section under its heading ("Contacts", "Company", …): not one that merely mentions the word. */
  panelSection(panel: Locator, title: string): Locator {
    return panel.locator('section').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
  }

  async scrollBy(pixels: number) {
    await this.page.getByTestId('leads-scroll').evaluate((el, dy) => el.scrollBy({ top: dy }), pixels);
  }

  /**
   * Scrolls the grid sideways until the column's cells are in view: only the columns in view are
   * rendered (the center ones are virtualized), so a far-right column is not in the DOM before this.
   * The column ends up right of the pinned ones, or fully in view when the grid cannot scroll further.
   */
  async scrollToColumn(columnId: string) {
    const scroller = this.page.getByTestId('leads-scroll');
    await expect
      .poll(
        () =>
          scroller.evaluate(async (el, id) => {
            // Each step waits the two frames of the scroll's render, not the poll's next interval: those
            // grow to a second, and a far column took four seconds a call (most of a test on a busy machine).
            const rendered = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            for (let step = 0; step < 20; step++) {
              const cell = el.querySelector(`[role=gridcell][data-col="${id}"]`);
              if (!cell) {
                if (el.scrollLeft + el.clientWidth >= el.scrollWidth - 1) return 'not shown';
                el.scrollLeft += el.clientWidth / 2;
              } else {
                const box = cell.getBoundingClientRect();
                const pinnedRight =
                  cell.parentElement?.querySelector('[data-col=name]')?.getBoundingClientRect().right ?? el.getBoundingClientRect().left;
                const viewRight = el.getBoundingClientRect().left + el.clientWidth;
                if (box.left >= pinnedRight - 1 && (Math.abs(box.left - pinnedRight) <= 1 || box.right <= viewRight + 1)) return 'in view';
                el.scrollLeft += box.left - pinnedRight;
              }
              await rendered();
            }
            return 'scrolling';
          }, columnId),
        { message: `column ${columnId} scrolled into view`, timeout: 10_000 },
      )
      .toBe('in view');
  }

  /**
   * Calls `check` once per view of the grid's width, scrolling sideways from the left end to the
   * right end: together the calls see every shown column rendered (only those in view are).
   */
  async forEachColumnView(check: () => Promise<void>) {
    const scroller = this.page.getByTestId('leads-scroll');
    const step = await scroller.evaluate((el) => {
      const pinnedRight = el.querySelector('[role=gridcell][data-col=name]')?.getBoundingClientRect().right ?? el.getBoundingClientRect().left;
      return Math.max(100, el.getBoundingClientRect().left + el.clientWidth - pinnedRight - 20);
    });
    for (let left = 0; ; left += step) {
      const atEnd = await scroller.evaluate(async (el, x) => {
        el.scrollLeft = x;
        // Two frames: the scroll event's render is committed and laid out.
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        return el.scrollLeft + el.clientWidth >= el.scrollWidth - 1;
      }, left);
      await check();
      if (atEnd) break;
    }
  }

  async scrollToBottom() {
    await this.page.getByTestId('leads-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  }

  async activeRowId(): Promise<string | null> {
    return this.grid.getAttribute('aria-activedescendant');
  }
}
