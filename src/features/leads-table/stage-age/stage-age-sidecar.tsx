// The attention column's sidecar (a chunk of its own): asks when the leads on screen entered their
// stages (use-stage-entries.ts) and hands the body their labels in the user's language.
import type { Row } from '@tanstack/react-table';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { useMessages } from '@/lib/i18n/language-context';
import { leadAttention } from '@/lib/leads-list/lead-attention';
import { daysInStage } from '@/lib/leads/stage-entry-fetchers';
import classes from '@/features/leads-table/leads-table.module.css';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import type { StageAgeLabels } from './stage-age-label';
import { stageAgeMessages } from './stage-age-messages';
import { useStageEntries } from './use-stage-entries';

export type StageAgeSidecarProps = {
  rows: readonly Row<LeadsTableFeatures, Lead>[];
  firstIndex: number;
  lastIndex: number;
  onLabels: (labels: StageAgeLabels) => void;
};

export function StageAgeSidecar({ rows, firstIndex, lastIndex, onLabels }: StageAgeSidecarProps) {
  const t = useMessages(stageAgeMessages);
  const entries = useStageEntries(rows, firstIndex, lastIndex, true);
  const labels = useMemo(() => {
    const out = new Map<number, ReactNode>();
    const now = Date.now();
    for (const row of rows.slice(Math.max(0, firstIndex - 20), lastIndex + 21)) {
      const entry = entries?.get(row.original.id);
      if (entry === undefined || entry === 'pending') continue;
      const days = daysInStage(entry, now);
      const title =
        entry.kind === 'since'
          ? t(entry.from === 'event' ? 'stageFromEvent' : 'stageFromCreated')
          : t(entry.kind === 'refused' ? 'stageRefusedTitle' : 'stageUnknownTitle');
      out.set(
        row.original.id,
        <span
          className={days === null ? classes.muted : undefined}
          data-decoration="stage-age"
          data-stage-days={days ?? undefined}
          data-stage-from={entry.kind === 'since' ? entry.from : entry.kind}
          title={title}
        >
          {/* After the reason when there is one (the cell's text), alone otherwise. */}
          {leadAttention(row.original, now) ? ' · ' : ''}
          {days === null ? t('stageUnknown') : t('stageDays', { count: days })}
        </span>,
      );
    }
    return out;
  }, [entries, rows, firstIndex, lastIndex, t]);
  useEffect(() => onLabels(labels), [labels, onLabels]);
  return null;
}
