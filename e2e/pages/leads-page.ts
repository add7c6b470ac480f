// Page object of the leads table: role-based locators, plus the few hooks the table exposes
// (`leads-scroll`, `leads-status`, `data-col` on cells) where roles alone cannot say which column.
import type { Locator, Page } from '@playwright/test';

export class LeadsPage {
  readonly grid: Locator;
  readonly status: Locator;
  readonly bodyRows: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Leads' });
    this.status = page.getByTestId('leads-status');
    // Data rows only: the header row has aria-rowindex 1.
    this.bodyRows = this.grid.locator('[role=row]:not([aria-rowindex="1"])');
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

  async scrollBy(pixels: number) {
    await this.page.getByTestId('leads-scroll').evaluate((el, dy) => el.scrollBy({ top: dy }), pixels);
  }

  async scrollToBottom() {
    await this.page.getByTestId('leads-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  }

  async activeRowId(): Promise<string | null> {
    return this.grid.getAttribute('aria-activedescendant');
  }
}
