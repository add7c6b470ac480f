// A view the local copy answers, read whole: what load all, the summary, the export and the browser
// sort need. A module of its own so the table imports it only when it sorts a local view (out of the
// first load).
import type { LeadsView } from '@/kommo/leads-query';
import type { LocalLeadsSource } from './leads-source';
import type { LeadsChunk, LeadsCursor } from './leads-stream';

/**
 * Leads a chunk when the whole view is wanted from the copy (load all, the summary, the export, the
 * browser sort): a few clones from the worker instead of hundreds. The table cuts them into its own
 * pages again.
 */
export const LOCAL_WHOLE_VIEW_CHUNK = 10_000;

export type WholeViewPages = { pages: LeadsChunk[]; pageParams: LeadsCursor[] };

/**
 * The rest of a view the copy answers, from the cursor its last chunk gave: every remaining chunk at
 * once. The table's browser sort and load all (and so the summary and the export) read a local view
 * whole this way: no walk of Kommo.
 */
export async function readRestOfLocalView(source: LocalLeadsSource, view: LeadsView, cursor: LeadsCursor | null): Promise<WholeViewPages> {
  const rest: WholeViewPages = { pages: [], pageParams: [] };
  for (let next = cursor; next !== null;) {
    const chunk = await source.read(view, next, LOCAL_WHOLE_VIEW_CHUNK);
    rest.pages.push(chunk);
    rest.pageParams.push(next);
    next = chunk.next;
  }
  return rest;
}
