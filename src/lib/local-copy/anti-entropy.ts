// Anti-entropy: a cheap, periodic comparison of the copy with Kommo, and the repair of what differs.
// Kommo gives no count of leads (no `_total_items` on /leads, kommo-api.md), so a count is probed:
// the copy says a pipeline holds c leads, so Kommo's page ceil(c/250) of that pipeline (by id, 250 a
// page) must hold exactly the copy's last c mod 250 of them, the same ids, with no next page. One
// request a pipeline when they agree; it catches every lead missing or extra (a deletion whose event
// was lost, a lead a change of rights let in or out with an old updated_at) and a sample of stale
// rows. Where a pipeline differs, each of its stages is probed the same way (Kommo filters one stage
// a request), and a differing stage is read whole and made equal: Kommo's leads are kept, the copy's
// others are asked for by id (moved elsewhere: kept as they are now; not there: removed).
import type { LeadsQuery, StagePair } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { KommoClient } from '@/lib/api/kommo-client';
import { fetchLeadsPage } from '@/lib/leads/leads-fetchers';
import { fetchPipelines } from '@/lib/reference-data/reference-fetchers';
import type { LocalViewSlice } from './local-leads-index';

const PAGE = 250;
/** Ids a request when the copy's leftovers are asked for by id (a short URL). */
const IDS_PER_REQUEST = 50;

export type CopyReader = (query: LeadsQuery, offset: number, size: number) => Promise<LocalViewSlice>;

export type EntropyCheck = {
  /** Stages (pipeline_id/status_id) whose leads differed. */
  differing: string[];
  /** What makes the copy equal to Kommo in those stages. */
  upsert: Lead[];
  remove: number[];
  requests: number;
};

type Scope = { filter: LeadsQuery['filter'] };

/**
 * Compares one part of the account (a pipeline, a stage) by its probe page. Leads Kommo changed
 * since `settledBefore` (Kommo's clock) are not held against the copy: the next refresh reads them.
 */
async function agrees(client: KommoClient, read: CopyReader, scope: Scope, settledBefore: number, signal: AbortSignal): Promise<boolean> {
  const order = { field: 'id', direction: 'asc' } as const;
  const { count } = await read({ ...scope, order }, 0, 1);
  const page = Math.max(1, Math.ceil(count / PAGE));
  const offset = (page - 1) * PAGE;
  const [kommo, local] = await Promise.all([
    fetchLeadsPage(client, { ...scope, order, page, limit: PAGE }, signal),
    read({ ...scope, order }, offset, PAGE),
  ]);
  if (kommo.hasNext) return false;
  const expected = count - offset;
  if (kommo.leads.length !== (count === 0 ? 0 : expected)) return false;
  return kommo.leads.every((lead, i) => {
    const mine = local.leads[i];
    return mine !== undefined && mine.id === lead.id && (lead.updated_at >= settledBefore || mine.updated_at === lead.updated_at);
  });
}

async function readWhole(client: KommoClient, filter: LeadsQuery['filter'], signal: AbortSignal): Promise<{ leads: Lead[]; requests: number }> {
  const leads: Lead[] = [];
  let requests = 0;
  for (let page = 1; ; page++) {
    requests++;
    const result = await fetchLeadsPage(client, { filter, order: { field: 'id', direction: 'asc' }, page, limit: PAGE }, signal);
    leads.push(...result.leads);
    if (!result.hasNext || result.leads.length < PAGE) return { leads, requests };
  }
}

/** `onDiffer`: told as soon as a part is found to differ (the copy is stale from then on, until repaired). */
export async function checkAgainstKommo(
  client: KommoClient,
  read: CopyReader,
  settledBefore: number,
  signal: AbortSignal,
  onDiffer: () => void = () => {},
): Promise<EntropyCheck> {
  const pipelines = await fetchPipelines(client, signal);
  let requests = 1;
  const check: EntropyCheck = { differing: [], upsert: [], remove: [], requests: 0 };
  for (const pipeline of pipelines) {
    requests += 1;
    if (await agrees(client, read, { filter: { pipeline_id: [pipeline.id] } }, settledBefore, signal)) continue;
    onDiffer();
    for (const status of pipeline._embedded.statuses) {
      const stage: StagePair = { pipeline_id: pipeline.id, status_id: status.id };
      const filter = { statuses: [stage] };
      requests += 1;
      if (await agrees(client, read, { filter }, settledBefore, signal)) continue;
      check.differing.push(`${stage.pipeline_id}/${stage.status_id}`);
      const whole = await readWhole(client, filter, signal);
      requests += whole.requests;
      const inKommo = new Set(whole.leads.map((l) => l.id));
      check.upsert.push(...whole.leads);
      const mine = await read({ filter, order: { field: 'id', direction: 'asc' } }, 0, Number.MAX_SAFE_INTEGER);
      const leftover = mine.leads.map((l) => l.id).filter((id) => !inKommo.has(id));
      for (let i = 0; i < leftover.length; i += IDS_PER_REQUEST) {
        const ids = leftover.slice(i, i + IDS_PER_REQUEST);
        requests += 1;
        const found = await fetchLeadsPage(client, { filter: { id: ids }, page: 1, limit: PAGE }, signal);
        const there = new Set(found.leads.map((l) => l.id));
        check.upsert.push(...found.leads);
        check.remove.push(...ids.filter((id) => !there.has(id)));
      }
    }
  }
  check.requests = requests;
  return check;
}
