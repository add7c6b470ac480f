// Page object of the stand-in Kommo page (e2e/fixtures/kommo-standin): Kommo's routes, its top bar,
// "More" on ticked leads, the Integrations settings dialog, and the widget's modal with the dashboard.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

export type KommoView = 'Leads list' | 'Pipeline' | 'Tasks' | 'Lead card' | 'Integrations';

export class KommoStandinPage {
  /** The widget's button, by its Spanish label: the stand-in's Kommo user works in Spanish. */
  readonly dashboardButton: Locator;
  readonly modal: Locator;
  readonly modalFrame: FrameLocator;
  readonly topBar: Locator;

  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {
    this.dashboardButton = page.getByRole('button', { name: 'Panel de leads' });
    this.modal = page.getByRole('dialog', { name: 'Kommo Leads Browser' });
    this.modalFrame = page.frameLocator('[data-klb-modal] iframe[data-klb-frame]');
    this.topBar = page.locator('.list__top__actions');
  }

  /** Opens a Kommo route with the widget installed for `dashboard` (its saved setting). */
  async goto(path: string, dashboard: string, forgers: string[] = [], rows?: number, more: Record<string, string> = {}) {
    const params = new URLSearchParams({ dashboard, ...more });
    if (forgers.length > 0) params.set('forgers', forgers.join(','));
    if (rows !== undefined) params.set('rows', String(rows));
    await this.page.goto(`${this.origin}${path}?${params}`);
    await expect(this.page.locator('body')).toHaveAttribute('data-standin-ready', '1');
  }

  /** Kommo's left menu: its router re-renders the work area, top bar included. */
  async navigate(view: KommoView) {
    await this.page.getByRole('navigation', { name: 'Kommo' }).getByRole('link', { name: view }).click();
  }

  /** Ticks the first `count` leads of the list and returns their ids. */
  async tickLeads(count: number): Promise<number[]> {
    const boxes = this.page.getByRole('checkbox', { name: /^Select lead / });
    await expect(boxes.nth(count - 1)).toBeVisible();
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      await boxes.nth(i).check();
      ids.push(Number(await boxes.nth(i).getAttribute('value')));
    }
    return ids;
  }

  /** Ticks every lead of the list with the header checkbox; returns their ids in list order. */
  async tickAll(expected: number): Promise<number[]> {
    const boxes = this.page.getByRole('checkbox', { name: /^Select lead / });
    await expect(boxes).toHaveCount(expected);
    await this.page.getByRole('checkbox', { name: 'Select all leads' }).check();
    return (await boxes.evaluateAll((nodes) => nodes.map((n) => (n as HTMLInputElement).value))).map(Number);
  }

  /** "More" → the widget by its name, as Kommo lists widgets for ticked leads. */
  async moreToWidget() {
    await this.page.getByRole('button', { name: 'More', exact: true }).click();
    await this.page.getByRole('menuitem', { name: 'Leads Browser' }).click();
  }

  /** The ids in the dashboard's table inside the modal (its ID column). */
  async dashboardIds(): Promise<number[]> {
    const cells = this.modalFrame.locator('[role=row]:not([data-testid="leads-totals"]) [role=gridcell][data-col="id"]');
    await expect(cells.first()).toBeVisible();
    return (await cells.allInnerTexts()).map((text) => Number(text.replace(/[^\d]/g, '')));
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Leads Browser' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Widget settings' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /**
   * Escape that closes the modal. With the focus inside the dashboard, closing removes the dashboard's
   * frame while Chromium is still delivering the key to it, and the key's acknowledgement may then never
   * come (CI stop 30: `keyboard.press` hung 60 s after the modal had closed). What a person sees, the
   * modal gone, is awaited; the press itself is left to settle or to fail with the closed frame.
   */
  async escapeClosingDashboard() {
    void this.page.keyboard.press('Escape').catch(() => undefined);
    await expect(this.modal).toHaveCount(0);
  }
}
