// Page object of the local copy's header control: the trigger button (its text says where the view
// comes from) and its panel (progress, pause/resume, refresh, forget).
import { expect, type Locator, type Page } from '@playwright/test';

export class LocalCopyPanel {
  readonly trigger: Locator;
  readonly panel: Locator;
  readonly status: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.trigger = page.getByRole('button', { name: /^Local copy/ });
    this.panel = page.getByRole('group', { name: 'Local copy of the account' });
    this.status = this.panel.getByTestId('local-copy-status');
    this.progress = this.panel.getByTestId('local-copy-progress');
  }

  async open() {
    if (!(await this.panel.isVisible())) await this.trigger.click();
    await this.panel.waitFor({ state: 'visible' });
  }

  async close() {
    if (await this.panel.isVisible()) await this.trigger.click();
    await this.panel.waitFor({ state: 'hidden' });
  }

  async enable() {
    await this.open();
    await this.panel.getByRole('button', { name: 'Keep a local copy' }).click();
  }

  async waitReady(timeout = 60_000) {
    await expect(this.trigger).toHaveText(/^Local copy: as of \d/, { timeout });
  }

  async press(name: 'Pause' | 'Resume' | 'Refresh now' | 'Forget local data') {
    await this.open();
    await this.panel.getByRole('button', { name, exact: true }).click();
  }

  /** "Forget local data", then its one confirmation. */
  async forget() {
    await this.press('Forget local data');
    await this.panel.getByRole('alertdialog', { name: 'Forget local data' }).getByRole('button', { name: 'Forget', exact: true }).click();
  }

  /** The notice after a forget, with its Undo. */
  get forgotten(): Locator {
    return this.page.getByTestId('local-copy-forgotten');
  }
}
