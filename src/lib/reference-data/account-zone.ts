// The account's time zone: read from /account once, and made safe for Intl. The table, the filters,
// the exports and the fetch layer (rolling date presets) all take it from here.
import type { Account } from '@/kommo/account-schema';
import { fetchAccount } from './reference-fetchers';
import type { KommoClient } from '@/lib/api/kommo-client';
import { safeTimezone } from '@/lib/time/account-time';

/** The zone the account's dates are in (`datetime_settings.timezone`), UTC when missing or unknown to Intl. */
export function accountTimeZone(account: Pick<Account, 'datetime_settings'> | null | undefined): string {
  return safeTimezone(account?.datetime_settings?.timezone);
}

const zones = new WeakMap<KommoClient, Promise<string>>();

/**
 * The zone for code outside React (the fetch layer): kept per client. The request is the one the
 * reference data makes when both ask at once (fetchAccount shares it).
 */
export function accountZone(client: KommoClient): Promise<string> {
  let zone = zones.get(client);
  if (!zone) {
    // Not tied to one caller's signal: the answer is shared by every later call.
    zone = fetchAccount(client, new AbortController().signal).then(accountTimeZone);
    // A failure is not remembered: the next fetch asks again.
    zone.catch(() => zones.delete(client));
    zones.set(client, zone);
  }
  return zone;
}
