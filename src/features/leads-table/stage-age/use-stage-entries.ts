// When each lead on screen entered its stage (Kommo's lead_status_changed events), for the attention
// column only: the rows in view in fixed blocks of ten (Kommo's filter[entity_id] limit), so a block
// keeps its query key while the list scrolls, asked once the scrolling has settled for a moment and
// at the low "deferred" priority, so the list's own pages go first. A block scrolled away before its
// answer is cancelled (the query's signal). Never more requests than blocks on screen.
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Row } from '@tanstack/react-table';
import type { Lead } from '@/kommo/lead-schema';
import { EVENTS_MAX_ENTITY_IDS } from '@/kommo/lead-status-events';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { withPriority } from '@/lib/api/kommo-client';
import { stageEntryQueries } from '@/lib/leads/stage-entry-queries';
import { stageLeadOf, type StageEntry, type StageLead } from '@/lib/leads/stage-entry-fetchers';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';

/** A lead's stage entry, 'pending' while its block is asked. */
export type StageEntryLookup = ReadonlyMap<number, StageEntry | 'pending'>;

/** How long the rows in view must stay put before their stage moves are asked. */
export const STAGE_ENTRY_SETTLE_MS = 300;

const combine = (results: UseQueryResult<Map<number, StageEntry>>[]) => results;

export function useStageEntries(
  rows: readonly Row<LeadsTableFeatures, Lead>[],
  firstIndex: number,
  lastIndex: number,
  enabled: boolean,
): StageEntryLookup | undefined {
  const client = useKommoClient();
  const deferred = useMemo(() => withPriority(client, 'deferred'), [client]);
  const firstBlock = Math.floor(Math.max(0, firstIndex) / EVENTS_MAX_ENTITY_IDS);
  const lastBlock = Math.floor(Math.max(0, lastIndex) / EVENTS_MAX_ENTITY_IDS);
  const [settled, setSettled] = useState<readonly [number, number] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => setSettled([firstBlock, lastBlock]), STAGE_ENTRY_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [enabled, firstBlock, lastBlock]);

  const blocks = useMemo(() => {
    if (!enabled || settled === null) return [];
    const out: StageLead[][] = [];
    for (let b = settled[0]; b <= settled[1]; b++) {
      const block: StageLead[] = [];
      for (const r of rows.slice(b * EVENTS_MAX_ENTITY_IDS, (b + 1) * EVENTS_MAX_ENTITY_IDS)) {
        const lead = stageLeadOf(r.original);
        if (lead) block.push(lead);
      }
      if (block.length > 0) out.push(block);
    }
    return out;
  }, [enabled, settled, rows]);
  const queries = useMemo(() => blocks.map((block) => stageEntryQueries.batch(deferred, block)), [blocks, deferred]);
  const results = useQueries({ queries, combine });

  return useMemo(() => {
    if (!enabled) return undefined;
    const map = new Map<number, StageEntry | 'pending'>();
    blocks.forEach((block, i) => {
      const result = results[i];
      for (const lead of block) {
        if (result?.data) map.set(lead.id, result.data.get(lead.id) ?? { kind: 'unknown' });
        else if (result?.isError) map.set(lead.id, { kind: 'unknown' });
        else map.set(lead.id, 'pending');
      }
    });
    return map;
  }, [enabled, blocks, results]);
}
