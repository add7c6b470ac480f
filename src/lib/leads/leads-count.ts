// How many leads the user can see. Kommo gives no total for leads (kommo-api.md: "There is no total
// count for leads"), so the count comes from a short walk over page numbers: doubling until a page is
// short or empty, then halving between the last full page and the first empty one; the last page's
// length makes it exact. About 2·log2(pages) requests of 250 leads (18 at 100,000 leads).
import { MAX_LIMIT } from '@/kommo/leads-query';
import { withPriority, type KommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage } from './leads-fetchers';

type Probe = { size: number; hasNext: boolean };

/** The number of leads the user can see (the copy holds exactly these), by pages of 250, at background priority. */
export async function countVisibleLeads(client: KommoClient, signal: AbortSignal): Promise<number> {
  const background = withPriority(client, 'background');
  const probe = async (page: number): Promise<Probe> => {
    const result = await fetchLeadsPage(background, { page, limit: MAX_LIMIT }, signal);
    return { size: result.leads.length, hasNext: result.hasNext };
  };
  // `full`: the highest page known full with more after it; `empty`: the lowest page known past the end.
  let full = 0;
  let empty: number | null = null;
  for (let page = 1; empty === null; page *= 2) {
    const { size, hasNext } = await probe(page);
    if (size === MAX_LIMIT && hasNext) full = page;
    else if (size > 0) return (page - 1) * MAX_LIMIT + size;
    else empty = page;
  }
  while (empty - full > 1) {
    const middle = Math.floor((full + empty) / 2);
    const { size, hasNext } = await probe(middle);
    if (size === MAX_LIMIT && hasNext) full = middle;
    else if (size > 0) return (middle - 1) * MAX_LIMIT + size;
    else empty = middle;
  }
  return full * MAX_LIMIT;
}
