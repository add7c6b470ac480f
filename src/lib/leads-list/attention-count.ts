// How many of a view's leads need attention now (lead-attention.ts), for the count beside "What needs
// my attention" in the Views menu. Kommo gives no count, and the reason is in each lead's dates, so
// the view's pages are read one after another at background priority, at most ATTENTION_PAGE_CAP of
// them: a manager's open leads are a few pages; past the cap the count says "at least".
import { MAX_LIMIT, type LeadsView } from '@/kommo/leads-query';
import { withPriority, type KommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage } from '@/lib/leads/leads-fetchers';
import { leadAttention } from './lead-attention';

/** 8 pages of 250: 2,000 leads, eight requests at most per opening of the menu (and none while cached). */
export const ATTENTION_PAGE_CAP = 8;

/** `complete: false`: the view has more leads than were read; `count` is then a lower bound. */
export type AttentionCount = { count: number; complete: boolean };

export async function countNeedingAttention(
  client: KommoClient,
  view: LeadsView,
  signal: AbortSignal,
  nowMs: number = Date.now(),
): Promise<AttentionCount> {
  const background = withPriority(client, 'background');
  let count = 0;
  for (let page = 1; page <= ATTENTION_PAGE_CAP; page++) {
    const result = await fetchLeadsPage(background, { ...view, page, limit: MAX_LIMIT }, signal);
    for (const lead of result.leads) if (leadAttention(lead, nowMs) !== null) count += 1;
    if (!result.hasNext) return { count, complete: true };
  }
  return { count, complete: false };
}
