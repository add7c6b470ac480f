// The page layout: header on top, the leads table filling the rest. The page itself never
// scrolls (height 100dvh, overflow hidden); only the table's own scroll container does.
import { AppShell as MantineAppShell, Box } from '@mantine/core';
import type { ReactNode } from 'react';
import { FiltersBar } from '../features/filters/filters-bar';
import { LeadsTable } from '../features/leads-table/leads-table';
import { SavedViewsMenu } from '../features/saved-views/saved-views-menu';
import { AppHeader } from './app-header';
import { WholePictureToolbar } from './whole-picture-toolbar';

export const HEADER_HEIGHT = 56;

export type AppShellProps = {
  /** The filter panel and chips (filters feature) go here, above the table. */
  filters?: ReactNode;
};

export function AppShell({ filters }: AppShellProps) {
  return (
    <MantineAppShell header={{ height: HEADER_HEIGHT }} padding={0}>
      <MantineAppShell.Header>
        <AppHeader />
      </MantineAppShell.Header>
      <MantineAppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
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
        <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <LeadsTable />
        </div>
      </MantineAppShell.Main>
    </MantineAppShell>
  );
}
