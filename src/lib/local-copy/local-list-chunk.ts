// The local copy as a source of the leads list (src/lib/api/leads-source.ts): a view read from the copy
// in chunks, rolling presets resolved as the API path resolves them. Which copy, and whether it may
// answer at all, is decided by the page's hub (useViewSource); this module only reads. Loaded with
// the engine's runner, out of the first load.
import type { LeadsView } from '@/kommo/leads-query';
import type { KommoClient } from '@/lib/api/kommo-client';
import type { LocalLeadsSource } from '@/lib/leads/leads-source';
import type { LeadsCursor, LocalLeadsChunk } from '@/lib/leads/leads-stream';
import { resolveRollingDates } from '@/lib/leads/resolve-rolling-dates';
import type { LocalCopySync } from './local-copy-sync';

/**
 * A chunk of the view from the copy. Rolling date presets ("this month", "before now") are resolved
 * exactly as the API path resolves them (resolveRollingDates, the account's zone), at the view's one
 * "now": stamped on the first chunk's cursor and kept by the next ones.
 */
export async function localListChunk(
  client: KommoClient,
  copy: LocalCopySync,
  view: LeadsView,
  cursor: LeadsCursor,
  size: number,
): Promise<LocalLeadsChunk> {
  const offset = cursor.localOffset ?? 0;
  const now = cursor.asOf ?? Math.floor(Date.now() / 1000);
  const syncedAt = copy.getState().syncedAt ?? Date.now();
  const resolved = await resolveRollingDates(client, view, now);
  const slice = await copy.slice(resolved, offset, size);
  const next: LeadsCursor | null = slice.nextOffset === null ? null : { streams: [], localOffset: slice.nextOffset, asOf: now };
  return { source: 'local', leads: slice.leads, next, local: { count: slice.count, priceSum: slice.priceSum, asOf: syncedAt } };
}

/** The list source of one copy; `name` is its database (origin, account and user), so its lists are its own. */
export function localLeadsSource(client: KommoClient, copy: LocalCopySync, name: string): LocalLeadsSource {
  return { kind: 'local', key: `local:${name}`, read: (view, cursor, size) => localListChunk(client, copy, view, cursor, size) };
}
