// Which walk a "Load all" belongs to: the view's one key (src/kommo/view-key), and what it fetches
// with it (the transport, the source that answers it, the visible columns' `with=`), as the list query it fills is keyed.
import type { LeadsView } from '@/kommo/leads-query';
import { viewKey } from '@/kommo/view-key';
import type { KommoClient } from '@/lib/api/kommo-client';
import type { LeadsSource } from '@/lib/leads/leads-source';

export function walkKey(client: KommoClient, view: LeadsView, source: LeadsSource): string {
  return `${client.transportKind}|${source.key}|${viewKey(view)}|with=${(view.with ?? []).join(',')}`;
}
