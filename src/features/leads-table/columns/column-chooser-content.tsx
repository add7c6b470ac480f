// The column chooser's contents: density, each column's checkbox and move buttons, reset. A chunk of
// its own (Mantine's Checkbox and SegmentedControl come with it): the first screen shows only the
// button, and pointing at it fetches the chunk ahead of the click.
import { ActionIcon, Button, Checkbox, Group, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { columnLabel } from './column-label';
import { DENSITIES, type Density } from '@/lib/leads-list/column-preferences';
import type { Column } from '@tanstack/react-table';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';
import type { LeadsTableMessageKey, LeadsTableT } from '@/features/leads-table/leads-table-messages';

export type ColumnChooserProps = {
  /** All leaf columns in their current order (pinned ones included, not movable). */
  columns: Column<LeadsTableFeatures, Lead, unknown>[];
  onMove: (id: string, delta: -1 | 1) => void;
  density: Density;
  onDensity: (d: Density) => void;
  onReset: () => void;
  t: LeadsTableT;
};

const DENSITY_LABEL: Record<Density, LeadsTableMessageKey> = {
  compact: 'densityCompact',
  normal: 'densityNormal',
  comfortable: 'densityComfortable',
};

export function ColumnChooserContent({ columns, onMove, density, onDensity, onReset, t }: ColumnChooserProps) {
  const movable = columns.filter((c) => !c.getIsPinned());
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('chooserTitle')}
      </Text>
      <Text size="xs" id="density-label">
        {t('chooserDensity')}
      </Text>
      <SegmentedControl
        size="xs"
        aria-labelledby="density-label"
        value={density}
        onChange={(v) => onDensity(v as Density)}
        data={DENSITIES.map((d) => ({ value: d, label: t(DENSITY_LABEL[d]) }))}
      />
      <ScrollArea.Autosize mah={320} type="auto">
        <Stack gap={4}>
          {movable.map((column, index) => {
            const label = columnLabel(column, t);
            return (
              <Group key={column.id} gap={4} wrap="nowrap" justify="space-between">
                <Checkbox
                  size="xs"
                  label={label}
                  checked={column.getIsVisible()}
                  disabled={!column.getCanHide()}
                  onChange={() => column.toggleVisibility()}
                />
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    aria-label={t('chooserMoveUp', { column: label })}
                    disabled={index === 0}
                    onClick={() => onMove(column.id, -1)}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    aria-label={t('chooserMoveDown', { column: label })}
                    disabled={index === movable.length - 1}
                    onClick={() => onMove(column.id, 1)}
                  >
                    ↓
                  </ActionIcon>
                </Group>
              </Group>
            );
          })}
        </Stack>
      </ScrollArea.Autosize>
      <Button size="xs" variant="light" color="red" onClick={onReset}>
        {t('chooserReset')}
      </Button>
    </Stack>
  );
}
