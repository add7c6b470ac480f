// Rolling date presets ("this quarter") become the `filter` ranges Kommo is asked, in the account's
// zone (src/lib/time), as of one instant.
import type { LeadsQuery } from '@/kommo/leads-query';
import { presetsNeedZone, resolveDatePresets } from '@/lib/time/account-time';
import { accountZone } from '@/lib/reference-data/account-zone';
import type { KommoClient } from '@/lib/api/kommo-client';

/** The query as Kommo is asked it: rolling date presets become `filter` ranges as of `asOf` (Unix seconds). */
export async function resolveRollingDates<Q extends LeadsQuery>(client: KommoClient, query: Q, asOf: number): Promise<Q> {
  if (!query.dates) return query;
  const zone = presetsNeedZone(query.dates) ? await accountZone(client) : 'UTC';
  return resolveDatePresets(query, asOf, zone);
}
