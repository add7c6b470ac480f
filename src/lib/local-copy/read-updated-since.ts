// Reading the leads by a moving updated_at lower bound (oldest change first, 250 a page, the ids at
// the boundary second skipped), never by offset: a lead deleted or changed meanwhile cannot shift a
// page over another one (Kommo has no cursor of its own); a lead changed during the read moves behind
// the bound and is read again. The first walk and every refresh read this way.
import type { LeadWith, LeadsQuery } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { WalkPosition } from './local-copy-store';

/** Everything a view may show, so any view can be answered from the copy. */
export const SYNC_WITH: LeadWith[] = ['contacts', 'loss_reason', 'catalog_elements', 'is_price_modified_by_robot', 'source_id'];
export const SYNC_PAGE_SIZE = 250;

/**
 * The position after a page read from `at`: past the page's newest second, with the ids of that
 * second, or (a whole page of one second) the next page of that second.
 */
export function nextWalkPosition(at: WalkPosition, leads: readonly Lead[]): WalkPosition {
  const newest = leads.reduce((m, l) => Math.max(m, l.updated_at), at.from);
  const boundary = leads.filter((l) => l.updated_at === newest).map((l) => l.id);
  if (newest > at.from) return { from: newest, boundaryIds: boundary, tiePage: 1 };
  return { from: at.from, boundaryIds: [...new Set([...at.boundaryIds, ...boundary])], tiePage: at.tiePage + 1 };
}

/** Every lead updated from a position on, by the moving bound; `onPage` stores each page as it comes. */
export async function readUpdatedSince(
  page: (query: LeadsQuery, signal: AbortSignal) => Promise<{ leads: Lead[]; hasNext: boolean }>,
  start: WalkPosition,
  signal: AbortSignal,
  onPage: (leads: Lead[], next: WalkPosition, done: boolean) => Promise<void>,
  /** Awaited before each next page is asked (the walk steps aside for the user's requests there). */
  beforeNext: (signal: AbortSignal) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const ask = (position: WalkPosition) => {
    const asked = page(
      {
        with: SYNC_WITH,
        filter: { updated_at: { from: position.from } },
        order: { field: 'updated_at', direction: 'asc' },
        page: position.tiePage,
        limit: SYNC_PAGE_SIZE,
      },
      signal,
    );
    // Awaited below; until then a failure (an abort) must not surface as unhandled.
    asked.catch(() => undefined);
    return asked;
  };
  let at = start;
  let pending = ask(at);
  for (;;) {
    const result = await pending;
    const boundary = new Set(at.boundaryIds);
    const fresh = result.leads.filter((l) => !(l.updated_at === at.from && boundary.has(l.id)));
    const next = nextWalkPosition(at, result.leads);
    const done = !result.hasNext || result.leads.length < SYNC_PAGE_SIZE;
    // The next page depends only on this one's leads: it is asked while this one is stored (packing
    // and IndexedDB in the worker), so the walk waits for Kommo or for storage, not for both in turn.
    // Pages are still stored one after another, and the saved position is the last stored page's.
    const stored = onPage(fresh, next, done);
    stored.catch(() => undefined);
    if (!done) {
      await beforeNext(signal);
      pending = ask(next);
    }
    await stored;
    if (done) return;
    at = next;
  }
}
