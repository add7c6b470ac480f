// One page of leads, parsed at the boundary. Paging state lives in the caller (see leads-stream.ts).
import { DEFAULT_LIMIT, encodeLeadsQuery, MAX_LIMIT, type LeadsQuery, type LeadsView } from '@/kommo/leads-query';
import { leadsPageSchema, type Lead } from '@/kommo/lead-schema';
import { compactLead } from './compact-lead';
import type { KommoClient } from '@/lib/api/kommo-client';
import { resolveRollingDates } from './resolve-rolling-dates';

export const LEADS_PATH = '/api/v4/leads';

export type LeadsPageResult = { leads: Lead[]; hasNext: boolean };

/** Page `page` of a view, `limit` leads a page (Kommo's largest by default): the only place paging is added. */
export function leadsPageQuery(view: LeadsView, page: number, limit: number = MAX_LIMIT): LeadsQuery {
  return { ...view, page, limit };
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

export async function fetchLeadsPage(client: KommoClient, query: LeadsQuery, signal: AbortSignal): Promise<LeadsPageResult> {
  // Lists resolve rolling presets once per list (leads-stream.ts); a lone page resolves them now.
  const resolved = await resolveRollingDates(client, query, Math.floor(Date.now() / 1000));
  const sent: LeadsQuery = {
    ...resolved,
    page: clampInt(query.page, 1, 1, Number.MAX_SAFE_INTEGER),
    limit: clampInt(query.limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
  };
  const page = await client.get(LEADS_PATH, encodeLeadsQuery(sent), leadsPageSchema, signal);
  // 204: an empty result or a page past the end.
  if (page === null) return { leads: [], hasNext: false };
  // Lists hold up to a hundred thousand leads: keep each in the compact shape (see compact-lead.ts).
  return { leads: page._embedded.leads.map(compactLead), hasNext: page._links.next !== undefined };
}
