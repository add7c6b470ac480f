// The references get their data the way the app does: the app's Kommo client over the same
// server's proxy, the same reference fetchers and the same `/api/v4/leads` pages of 250 with the
// `with=` values the app's default columns ask for. Pages are requested by several workers at once
// so the server's own upstream limiter (not this page) sets the pace.
import { MAX_LIMIT, type LeadWith } from '../../src/kommo/leads-query';
import type { Account } from '../../src/kommo/account-schema';
import type { CustomFieldDefinition } from '../../src/kommo/custom-field-schema';
import type { Lead } from '../../src/kommo/lead-schema';
import type { LossReason } from '../../src/kommo/loss-reason-schema';
import type { Pipeline } from '../../src/kommo/pipeline-schema';
import type { User } from '../../src/kommo/user-schema';
import { createKommoClient, type KommoClient } from '../../src/lib/api/kommo-client';
import { fetchLeadsPage } from '../../src/lib/leads/leads-fetchers';
import { createProxyTransport } from '../../src/lib/api/proxy-transport';
import { fetchAccount, fetchCustomFields, fetchLossReasons, fetchPipelines, fetchUsers } from '../../src/lib/reference-data/reference-fetchers';

/** The app's default visible columns need these (main contact, loss reason, products). */
export const REFERENCE_WITH: LeadWith[] = ['contacts', 'loss_reason', 'catalog_elements'];
/** The server lets 6 upstream calls start a second; a few more in flight keep its queue busy. */
const WORKERS = 6;
const RATE_PER_SECOND = 6;

export type ReferenceData = {
  account: Account;
  pipelines: Pipeline[];
  users: User[];
  customFields: CustomFieldDefinition[];
  lossReasons: LossReason[];
};

export type LoadedReference = { data: ReferenceData; leads: Lead[]; requests: number };

async function loadLeads(client: KommoClient, maxLeads: number, signal: AbortSignal): Promise<Lead[]> {
  const lastPage = Math.ceil(maxLeads / MAX_LIMIT);
  const pages = new Map<number, Lead[]>();
  let nextPage = 1;
  let endPage = lastPage;
  const worker = async () => {
    while (nextPage <= endPage) {
      const page = nextPage;
      nextPage += 1;
      const result = await fetchLeadsPage(client, { limit: MAX_LIMIT, page, with: REFERENCE_WITH }, signal);
      pages.set(page, result.leads);
      if (!result.hasNext) endPage = Math.min(endPage, page);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const leads: Lead[] = [];
  for (let page = 1; page <= endPage; page += 1) leads.push(...(pages.get(page) ?? []));
  return leads.slice(0, maxLeads);
}

export async function loadReferenceLeads(maxLeads: number, signal: AbortSignal): Promise<LoadedReference> {
  const client = createKommoClient(createProxyTransport(), { ratePerSecond: RATE_PER_SECOND });
  const [account, pipelines, users, customFields, lossReasons] = await Promise.all([
    fetchAccount(client, signal),
    fetchPipelines(client, signal),
    fetchUsers(client, signal),
    fetchCustomFields(client, signal),
    fetchLossReasons(client, signal),
  ]);
  const leads = await loadLeads(client, maxLeads, signal);
  return { data: { account, pipelines, users: users.users, customFields, lossReasons }, leads, requests: client.getState().requests };
}
