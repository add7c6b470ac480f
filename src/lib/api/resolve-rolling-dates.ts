// The account's timezone for the fetch layer, which resolves rolling date presets ("this quarter")
// when it asks Kommo. Plain functions have no React Query cache: the zone is kept per client, and
// the request is the one the reference data makes when both ask at once (fetchAccount shares it).
import type { LeadsQuery } from '../../kommo/leads-query';
import { presetsNeedZone, resolveDatePresets, safeTimezone } from '../url-state/account-time';
import type { KommoClient } from './kommo-client';
import { fetchAccount } from './reference-fetchers';

const zones = new WeakMap<KommoClient, Promise<string>>();

export function accountZone(client: KommoClient): Promise<string> {
  let zone = zones.get(client);
  if (!zone) {
    // Not tied to one caller's signal: the answer is shared by every later call.
    zone = fetchAccount(client, new AbortController().signal).then((account) => safeTimezone(account.datetime_settings?.timezone));
    // A failure is not remembered: the next fetch asks again.
    zone.catch(() => zones.delete(client));
    zones.set(client, zone);
  }
  return zone;
}

/** The query as Kommo is asked it: rolling date presets become `filter` ranges as of `asOf` (Unix seconds). */
export async function resolveRollingDates<Q extends LeadsQuery>(client: KommoClient, query: Q, asOf: number): Promise<Q> {
  if (!query.dates) return query;
  const zone = presetsNeedZone(query.dates) ? await accountZone(client) : 'UTC';
  return resolveDatePresets(query, asOf, zone);
}
