// Which walk a "Load all" belongs to: the view's one key (src/kommo/view-key), and what it fetches
// with it (the transport, the visible columns' `with=`), as the list query it fills is keyed.
import type { LeadsView } from '../../kommo/leads-query';
import { viewKey } from '../../kommo/view-key';
import type { KommoClient } from '../../lib/api/kommo-client';

export function walkKey(client: KommoClient, view: LeadsView): string {
  return `${client.transportKind}|${viewKey(view)}|with=${(view.with ?? []).join(',')}`;
}
