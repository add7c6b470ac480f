// How many of a view's leads need attention now (lead-attention.ts), for the count beside "What needs
// my attention" in the Views menu. Kommo gives no count, and the reason is in each lead's dates, so
// the view is read as the table reads it (the same streams: one a stage of a partly chosen pipeline,
// Kommo taking only so many stages a request), at background priority, at most ATTENTION_LEAD_CAP
// leads: a manager's open leads are a few pages; past the cap the count says "at least".
import type { LeadsView } from '@/kommo/leads-query';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { withPriority, type KommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsChunk, initialLeadsCursor, type LeadsCursor } from '@/lib/leads/leads-stream';
import { leadAttention } from './lead-attention';

/** 2,000 leads (eight chunks of 250) at most per opening of the menu, and nothing while cached. */
export const ATTENTION_LEAD_CAP = 2_000;

/** `complete: false`: the view has more leads than were read; `count` is then a lower bound. */
export type AttentionCount = { count: number; complete: boolean };

export async function countNeedingAttention(
  client: KommoClient,
  view: LeadsView,
  pipelines: readonly Pipeline[],
  signal: AbortSignal,
  nowMs: number = Date.now(),
): Promise<AttentionCount> {
  const background = withPriority(client, 'background');
  let cursor: LeadsCursor | null = initialLeadsCursor(view, pipelines);
  let read = 0;
  let count = 0;
  while (cursor !== null) {
    if (read >= ATTENTION_LEAD_CAP) return { count, complete: false };
    const chunk = await fetchLeadsChunk(background, cursor, { signal, ...(view.order ? { order: view.order } : {}) });
    read += chunk.leads.length;
    for (const lead of chunk.leads) if (leadAttention(lead, nowMs) !== null) count += 1;
    cursor = chunk.next;
  }
  return { count, complete: true };
}
