// The page layout: header on top, the leads table filling the rest. The page itself never
// scrolls (height 100dvh, overflow hidden); only the table's own scroll container does.
import { Box } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { FiltersBar } from '@/features/filters/filters-bar';
import { LeadsTable } from '@/features/leads-table/leads-table';
import { SavedViewsMenu } from '@/features/saved-views/saved-views-menu';
import { useAppMode } from '@/lib/bridge/app-mode-context';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';
import { RefusedEndpointsGate } from '@/lib/rights/refused-endpoints-gate';
import { AppHeader } from './app-header';
import { WholePictureToolbar } from './whole-picture-toolbar';
import classes from './app-shell.module.css';

// The app header bar (title, views, filters) above everything; the page pads its content by it.
export const APP_HEADER_HEIGHT = 56;

// The local copy's owner and engine (src/lib/local-copy): a sidecar chunk, out of the first load.
const localCopyOwner = lazyChunk(() => import('@/lib/local-copy/local-copy-owner').then((m) => m.LocalCopyOwner));

export type AppShellProps = {
  /** The filter panel and chips (filters feature) go here, above the table. */
  filters?: ReactNode;
};

export function AppShell({ filters }: AppShellProps) {
  const mode = useAppMode();
  // The copy's origin: inside Kommo the parent page's as the handshake verified it, else the app's own.
  const copyOrigin = mode.kind === 'embedded' ? mode.session.parentOrigin : window.location.origin;
  return (
    <div className={classes.shell} style={{ '--klb-header-height': `${APP_HEADER_HEIGHT}px` } as CSSProperties}>
      <ChunkBoundary compact>
        <localCopyOwner.Component origin={copyOrigin} />
      </ChunkBoundary>
      <header className={classes.header}>
        <AppHeader />
      </header>
      <main className={classes.main}>
        {filters ?? (
          <Box px="sm" py="xs">
            <FiltersBar
              actions={
                <>
                  <SavedViewsMenu />
                  <WholePictureToolbar />
                </>
              }
            />
          </Box>
        )}
        <RefusedEndpointsGate />
        <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <LeadsTable />
        </div>
      </main>
    </div>
  );
}
