// Show/hide and reorder columns, pick the row density, or reset everything to the defaults.
// Reordering uses buttons (keyboard-friendly) instead of drag and drop.
import { Button, Popover } from '@mantine/core';
import { ChunkBoundary, ChunkLoader, lazyChunk } from '../../../lib/ui/lazy-chunk';
import type { ColumnChooserProps } from './column-chooser-content';

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
