// The setup the local-copy specs share: the dashboard opened with its first rows, the copy turned on
// and its first sync waited for, the copy's databases in this browser, and counts as the app writes them.
import type { Frame, Page } from '@playwright/test';
import { LeadsPage } from '../pages/leads-page';
import { LocalCopyPanel } from '../pages/local-copy-panel';

/** A count as the status line and panel write it in English ("5,000"). */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** The local copy's IndexedDB databases in this page's (or frame's) origin. */
export async function localCopyDatabases(page: Page | Frame): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('klb-local-copy')));
}

/** The dashboard at `search`, once its first rows show; the copy not touched. */
export async function openDashboard(page: Page, search = ''): Promise<{ leads: LeadsPage; copy: LocalCopyPanel }> {
  const leads = new LeadsPage(page);
  const copy = new LocalCopyPanel(page);
  await leads.goto(search);
  await leads.waitForRows();
  return { leads, copy };
}

/** The dashboard with the copy turned on ("Keep a local copy") and its first sync done. */
export async function openWithReadyCopy(page: Page): Promise<{ leads: LeadsPage; copy: LocalCopyPanel }> {
  const opened = await openDashboard(page);
  await opened.copy.enable();
  await opened.copy.waitReady();
  return opened;
}
