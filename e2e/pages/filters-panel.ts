// Page object of the filters: the panel (a dialog), the chips above the table, the URL notice and
// the saved views popover. Role-based locators; stages are scoped by their pipeline's fieldset
// because "Closed - won" exists in every pipeline.
import type { Locator, Page } from '@playwright/test';
import { focusTrapSettled } from '../support/focus-trap';

export class FiltersPanel {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly chips: Locator;
  readonly notice: Locator;
  readonly viewsButton: Locator;
  readonly viewsDialog: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: /^Filters/ });
    this.dialog = page.getByRole('dialog', { name: 'Filter leads' });
    this.chips = page.getByRole('list', { name: 'Active filters' }).getByRole('listitem');
    this.notice = page.getByTestId('url-notice');
    this.viewsButton = page.getByRole('button', { name: /^Views/ });
    this.viewsDialog = page.getByRole('dialog', { name: /^Views/ });
  }

  /** Opens the drawer and waits, as a user does, until the keyboard is in it. */
  async open() {
    await this.openButton.click();
    await this.dialog.waitFor({ state: 'visible' });
    // The drawer's focus trap moves the focus in a task after it mounts: a focus set or a key pressed
    // before that went to its first control instead (a Space then pressed that one, not the test's switch).
    await focusTrapSettled(this.dialog, 'the keyboard is in the drawer');
  }

  async apply() {
    await this.dialog.getByRole('button', { name: 'Apply' }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  /** Picks users by name in one of the user multi-selects ("Responsible user", "Created by"...). */
  async pickUser(label: string, name: string) {
    const input = this.dialog.getByRole('combobox', { name: label });
    await input.click();
    await input.fill(name);
    await this.page.getByRole('listbox').getByRole('option', { name, exact: true }).click();
    await input.press('Escape');
  }

  stage(pipeline: string, stage: string): Locator {
    return this.dialog.getByRole('group', { name: pipeline, exact: true }).getByRole('checkbox', { name: stage, exact: true });
  }

  async orderBy(field: 'Created at' | 'Updated at' | 'ID', direction: 'Ascending' | 'Descending') {
    await this.dialog.getByRole('combobox', { name: 'Order by' }).click();
    await this.page.getByRole('listbox').getByRole('option', { name: field, exact: true }).click();
    await this.dialog.getByText(direction, { exact: true }).click();
  }

  chip(label: string | RegExp): Locator {
    return this.chips.filter({ hasText: label });
  }

  async removeChip(label: string | RegExp) {
    await this.chip(label)
      .getByRole('button', { name: /^Remove filter/ })
      .click();
  }
}
