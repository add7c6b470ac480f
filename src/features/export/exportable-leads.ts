// Which leads go in an export file: the ones the signed-in user may export, by Kommo's rule
// (src/kommo/lead-rights.ts: general right, then stage rights; A all, G the group's, M their own,
// D none; nothing in an incoming-leads stage). The rest are left out and counted, never written.
import { mayOnLead, type GroupOfUser, type LeadRights } from '@/kommo/lead-rights';
import { stagePairKey } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { Pipeline } from '@/kommo/pipeline-schema';

export type ExportableLeads = { leads: Lead[]; leftOut: number };

/** Kommo's incoming-leads stages (status `type: 1`), which carry no export right. */
export function incomingStages(pipelines: readonly Pipeline[]): (pipelineId: number, statusId: number) => boolean {
  const keys = new Set(pipelines.flatMap((p) => p._embedded.statuses.filter((s) => s.type === 1).map((s) => stagePairKey(p.id, s.id))));
  return (pipelineId, statusId) => keys.has(stagePairKey(pipelineId, statusId));
}

/** Without known rights (standalone with the account's own token) every lead the API gave is exportable. */
export function exportableLeads(
  leads: readonly Lead[],
  rights: LeadRights | null,
  groupOf: GroupOfUser,
  pipelines: readonly Pipeline[],
): ExportableLeads {
  if (!rights || rights.isAdmin) return { leads: [...leads], leftOut: 0 };
  const isIncomingStage = incomingStages(pipelines);
  const kept = leads.filter((lead) => mayOnLead(rights, 'export', lead, groupOf, { isIncomingStage }));
  return { leads: kept, leftOut: leads.length - kept.length };
}
