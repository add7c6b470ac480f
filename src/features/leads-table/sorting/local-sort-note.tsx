// One line above the grid while a browser-side sort is asked for: applied (all leads loaded) or
// waiting for "Load all". Says which, so a sorted page of a larger view is never mistaken for all.
import { Button, Group, Text } from '@mantine/core';
import type { LeadsTableT } from '@/features/leads-table/leads-table-messages';

export type LocalSortNoteProps = {
  column: string;
  direction: 'asc' | 'desc';
  applied: boolean;
  loaded: number;
  onClear: () => void;
  t: LeadsTableT;
};

export function LocalSortNote({ column, direction, applied, loaded, onClear, t }: LocalSortNoteProps) {
  const directionLabel = t(direction === 'asc' ? 'sortAscending' : 'sortDescending');
  return (
    <Group gap="xs" px="xs" py={4} wrap="nowrap" role="status" data-testid="local-sort-note">
      <Text size="sm" c={applied ? undefined : 'dimmed'} style={{ minWidth: 0 }}>
        {applied ? t('sortLocalApplied', { column, direction: directionLabel, count: loaded }) : t('sortLocalPending', { column, count: loaded })}
      </Text>
      <Button size="compact-xs" variant="subtle" onClick={onClear}>
        {t('sortLocalClear')}
      </Button>
    </Group>
  );
}
