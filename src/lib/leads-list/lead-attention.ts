// Why one of my open leads needs action, from the lead's own data only (what every user may read):
// its next task is overdue (`closest_task_at` before now), it has no task at all (`closest_task_at`
// null), or nothing changed on it for STALE_DAYS (`updated_at`; any edit counts, a note or a task
// included, as Kommo moves updated_at then). Worst first: overdue (the longest first), then no task,
// then no change (the stalest first). Time in a stage comes from Kommo's lead_status_changed events,
// read only for the leads on screen (features/leads-table/stage-age): it is shown beside the reason, and does
// not rank, since the order must hold for leads never on screen.
import type { Lead } from '@/kommo/lead-schema';
import { daysOverdue } from './lead-formatters';

/** Days without a change that make an open lead need attention. */
export const STALE_DAYS = 14;

export type AttentionReason = 'overdue' | 'noTask' | 'stale';
export type LeadAttention = { reason: AttentionReason; days: number; severity: number };

const DAY_MS = 86_400_000;
const BAND: Record<AttentionReason, number> = { overdue: 3_000_000, noTask: 2_000_000, stale: 1_000_000 };

/** The lead's most urgent reason, or null when it needs nothing now. */
export function leadAttention(lead: Pick<Lead, 'closest_task_at' | 'updated_at'>, nowMs: number = Date.now()): LeadAttention | null {
  const late = daysOverdue(lead.closest_task_at, nowMs);
  const idle = lead.updated_at === null ? null : Math.max(0, Math.floor((nowMs - lead.updated_at * 1000) / DAY_MS));
  const at = (reason: AttentionReason, days: number): LeadAttention => ({ reason, days, severity: BAND[reason] + days });
  if (late !== null) return at('overdue', late);
  if (lead.closest_task_at === null) return at('noTask', idle ?? 0);
  if (idle !== null && idle >= STALE_DAYS) return at('stale', idle);
  return null;
}
