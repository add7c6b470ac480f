// The expanded panel always shows contacts, products and the loss reason, even when the columns that
// make the list ask for them (`with=`) are hidden. Then one request fetches that lead with them, on
// expand only (user-triggered, so one query per opened lead is fine).
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { LeadsQuery, LeadWith } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { KommoClient } from '@/lib/api/kommo-client';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { leadQueries } from '@/lib/leads/lead-queries';

export const DETAIL_WITH: readonly LeadWith[] = ['contacts', 'loss_reason', 'catalog_elements'];

/** Kommo omits `_embedded.contacts` and `catalog_elements` unless asked; their absence means "not asked". */
export function hasLeadDetails(lead: Lead): boolean {
  return lead._embedded.contacts !== undefined && lead._embedded.catalog_elements !== undefined;
}

export function leadDetailsQuery(lead: Lead): LeadsQuery {
  // A deleted lead is found only with only_deleted.
  const withValues: LeadWith[] = lead.is_deleted ? [...DETAIL_WITH, 'only_deleted'] : [...DETAIL_WITH];
  return { filter: { id: [lead.id] }, with: withValues, limit: 1 };
}

export type LeadDetails =
  /**
   * `batchLeads`: whose contacts and products to fetch in one batch. The loaded page when it had the
   * links (one request per page, shared by every open panel of it), else this lead alone.
   */
  | { status: 'ready'; lead: Lead; batchLeads: readonly Lead[] }
  | { status: 'pending' }
  | { status: 'missing' }
  | { status: 'error'; error: unknown; retry: () => void };

function detailsOptions(client: KommoClient, lead: Lead) {
  return leadQueries.page(client, leadDetailsQuery(lead));
}

export function useLeadDetails(lead: Lead, pageLeads: readonly Lead[]): LeadDetails {
  const client = useKommoClient();
  const complete = hasLeadDetails(lead);
  const query = useQuery({ ...detailsOptions(client, lead), enabled: !complete });
  const { data, error, isPending, isError, refetch } = query;
  return useMemo((): LeadDetails => {
    if (complete) return { status: 'ready', lead, batchLeads: pageLeads };
    if (isError) return { status: 'error', error, retry: () => void refetch() };
    if (isPending || !data) return { status: 'pending' };
    const found = data.leads.find((l) => l.id === lead.id);
    return found ? { status: 'ready', lead: found, batchLeads: [found] } : { status: 'missing' };
  }, [complete, lead, pageLeads, data, error, isPending, isError, refetch]);
}
