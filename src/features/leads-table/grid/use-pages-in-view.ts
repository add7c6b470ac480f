import { useMemo } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import { pageOf } from './page-of';

/** The loaded pages the rows (or cards) in view are on: their contacts and companies are the ones asked for. */
export function usePagesInView(
  pages: readonly (readonly Lead[])[],
  pageStarts: readonly number[],
  firstIndex: number,
  lastIndex: number,
): readonly (readonly Lead[])[] {
  const firstPage = pageOf(pageStarts, firstIndex);
  const lastPage = pageOf(pageStarts, lastIndex);
  return useMemo(() => pages.slice(firstPage, lastPage + 1), [pages, firstPage, lastPage]);
}
