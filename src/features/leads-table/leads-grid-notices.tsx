// The notes above the grid: Kommo's API filter is off for the account, and the browser sort asked
// for (with how far it stands), a chunk of its own said only once a column is sorted in the browser.
import { Alert } from '@mantine/core';
import type { LocalSort } from '@/lib/url-state/leads-url-codec';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';
import type { LeadsTableT } from './leads-table-messages';

const localSortNote = lazyChunk(() => import('./sorting/local-sort-note').then((m) => m.LocalSortNote));

export type LeadsGridNoticesProps = {
  apiFilterDisabled: boolean;
  /** The browser sort asked for, when its column sorts in the browser. */
  sortColumn: LocalSort | null;
  /** The sort is in effect (the whole view is here). */
  applied: boolean;
  loaded: number;
  labelOf: (id: string) => string;
  onClearSort: () => void;
  t: LeadsTableT;
};

export function LeadsGridNotices({ apiFilterDisabled, sortColumn, applied, loaded, labelOf, onClearSort, t }: LeadsGridNoticesProps) {
  return (
    <>
      {apiFilterDisabled ? (
        <Alert color="yellow" m="xs" role="note">
          {t('apiFilterDisabled')}
        </Alert>
      ) : null}
      {sortColumn && loaded > 0 ? (
        <ChunkBoundary>
          <localSortNote.Component
            column={labelOf(sortColumn.column)}
            direction={sortColumn.direction}
            applied={applied}
            loaded={loaded}
            onClear={onClearSort}
            t={t}
          />
        </ChunkBoundary>
      ) : null}
    </>
  );
}
