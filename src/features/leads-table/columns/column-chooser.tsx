// Show/hide and reorder columns, pick the row density, or reset everything to the defaults.
// Reordering uses buttons (keyboard-friendly) instead of drag and drop.
import { Button } from '@mantine/core';
import { useState } from 'react';
import { ChunkBoundary, ChunkLoader, lazyChunk } from '@/lib/ui/lazy-chunk';
import { LazyPopover } from '@/lib/ui/lazy-popover';
import type { ColumnChooserProps } from './column-chooser-content';

// The contents load with the first pointing at (or focus on) the button: by the click they are here.
const chooserContent = lazyChunk(() => import('./column-chooser-content').then((m) => m.ColumnChooserContent));

export function ColumnChooser(props: ColumnChooserProps) {
  const { t } = props;
  const [opened, setOpened] = useState(false);
  return (
    <LazyPopover
      opened={opened}
      onChange={setOpened}
      position="top-end"
      shadow="md"
      width={340}
      trapFocus
      returnFocus
      dropdownLabel={t('chooserTitle')}
      target={
        <Button
          size="xs"
          variant="default"
          onClick={() => setOpened((o) => !o)}
          onPointerEnter={chooserContent.preload}
          onFocus={chooserContent.preload}
          aria-haspopup="dialog"
          aria-expanded={opened}
        >
          {t('chooserButton')}
        </Button>
      }
    >
      <ChunkBoundary fallback={<ChunkLoader />}>
        <chooserContent.Component {...props} />
      </ChunkBoundary>
    </LazyPopover>
  );
}
