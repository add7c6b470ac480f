// The table's non-data states: a skeleton on first load, an empty result with a hint about filters.
import { Skeleton, Stack, Text, Title } from '@mantine/core';
import type { StreamsProgress } from '@/lib/leads/leads-stream';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';

const SKELETON_ROWS = Array.from({ length: 12 }, (_, i) => i);

export function LeadsTableSkeleton({ label, showLabel = false }: { label: string; showLabel?: boolean }) {
  return (
    <Stack gap={6} p="sm" aria-busy="true" aria-label={label} role="status">
      {showLabel ? (
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      ) : null}
      <Skeleton height={32} />
      {SKELETON_ROWS.map((i) => (
        <Skeleton key={i} height={28} width={`${85 + ((i * 7) % 15)}%`} />
      ))}
    </Stack>
  );
}

/** `search`: the view's search text, when it has one: the state then says what the search looked in. */
export function LeadsEmptyState({ t, search }: { t: LeadsTableT; search?: string | undefined }) {
  return (
    <Stack align="center" justify="center" p="xl" gap="xs" role="status">
      <Title order={3}>{t('emptyTitle')}</Title>
      <Text>{t('emptyHint')}</Text>
      {search ? (
        <Text size="sm" c="dimmed" data-testid="search-covers">
          {t('emptySearchCovers', { search })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** While several stage streams load, the skeleton says how far ("loading 7 of 19 stages"). */
export function LeadsLoadingSkeleton({ progress, t }: { progress: StreamsProgress | null; t: LeadsTableT }) {
  if (!progress) return <LeadsTableSkeleton label={t('statusLoadingView')} />;
  return <LeadsTableSkeleton label={t('loadingStages', { loaded: progress.loaded, total: progress.total })} showLabel />;
}
