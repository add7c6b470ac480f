// The next page of the list: asked for by the rows (or cards) near the end, and at once while a
// post-filtered view has no row yet but more to check.
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { LeadsChunk } from '@/lib/leads/leads-stream';

export type GridPaging = {
  canLoadMore: boolean;
  /** No row yet, more to check: the view is not said to be empty. */
  searchingFurther: boolean;
  loadMore: () => void;
};

export function useGridPaging(leadsQuery: UseInfiniteQueryResult<InfiniteData<LeadsChunk, unknown>>, shown: number): GridPaging {
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = leadsQuery;
  const canLoadMore = Boolean(hasNextPage) && !isFetchingNextPage && !isFetchNextPageError;
  // A post-filtered view (tasks=none) can get a chunk with no row yet more to check: keep checking
  // instead of claiming the view is empty (each chunk is bounded in pages by the fetch layer).
  const searchingFurther = shown === 0 && Boolean(hasNextPage) && !isFetchNextPageError;
  useEffect(() => {
    if (searchingFurther && !isFetchingNextPage) void fetchNextPage();
  }, [searchingFurther, isFetchingNextPage, fetchNextPage]);
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  return { canLoadMore, searchingFurther, loadMore };
}
