// Show/hide and reorder columns, pick the row density, or reset everything to the defaults.
// Reordering uses buttons (keyboard-friendly) instead of drag and drop.
import { Button, Popover } from '@mantine/core';
import type { Column } from '@tanstack/react-table';
import type { Lead } from '../../../kommo/schemas';
import type { Density } from '../../../lib/leads-list/column-preferences';
import { ChunkBoundary, ChunkLoader, lazyChunk } from '../../../lib/ui/lazy-chunk';
import type { LeadsTableFeatures } from '../leads-table-features';
import type { LeadsTableT } from '../leads-table-messages';

export type ColumnChooserProps = {
  /** All leaf columns in their current order (pinned ones included, not movable). */
  columns: Column<LeadsTableFeatures, Lead, unknown>[];
  onMove: (id: string, delta: -1 | 1) => void;
  density: Density;
  onDensity: (d: Density) => void;
  onReset: () => void;
  t: LeadsTableT;
};

// The contents load with the first pointing at (or focus on) the button: by the click they are here.
const chooserContent = lazyChunk(() => import('./column-chooser-content').then((m) => m.ColumnChooserContent));

export function ColumnChooser(props: ColumnChooserProps) {
  const { t } = props;
  return (
    <Popover position="top-end" shadow="md" width={340} trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" onPointerEnter={chooserContent.preload} onFocus={chooserContent.preload}>
          {t('chooserButton')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('chooserTitle')}>
        <ChunkBoundary fallback={<ChunkLoader />}>
          <chooserContent.Component {...props} />
        </ChunkBoundary>
      </Popover.Dropdown>
    </Popover>
  );
}
