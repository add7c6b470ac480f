import type { InfiniteData } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadsChunk, LocalChunkInfo } from '@/lib/leads/leads-stream';
import { toPages, type LeadPages } from './grid/to-pages';

export type LoadedLeads = {
  /** Every loaded lead, in the list's order. */
  loaded: Lead[];
  /** The loaded leads as pages (the copy's large chunks cut again into the stream's pages). */
  pages: LeadPages;
  priceSum: number;
  unreadable: number;
  /** The whole view's count and sum, when the local copy answers it. */
  viewTotals: LocalChunkInfo | null;
};

const EMPTY_LEADS: Lead[] = [];
const EMPTY_PAGES: Lead[][] = [];

/** The list's chunks flattened once per change, with the status line's sums. */
export function useLoadedLeads(data: InfiniteData<LeadsChunk, unknown> | undefined): LoadedLeads {
  const first = data?.pages[0];
  const viewTotals = first?.source === 'local' ? first.local : null;
  const local = viewTotals !== null;
  const chunkPages = useMemo(() => data?.pages.map((p) => p.leads) ?? EMPTY_PAGES, [data]);
  const { loaded, loadedStarts, priceSum, unreadable } = useMemo(() => {
    if (chunkPages.length === 0) return { loaded: EMPTY_LEADS, loadedStarts: [0], priceSum: 0, unreadable: 0 };
    const starts: number[] = [];
    let offset = 0;
    for (const page of chunkPages) {
      starts.push(offset);
      offset += page.length;
    }
    const all = chunkPages.flat();
    let priceSum = 0;
    let unreadable = 0;
    for (const l of all) {
      priceSum += l.price ?? 0;
      unreadable += l.unreadable;
    }
    return { loaded: all, loadedStarts: starts, priceSum, unreadable };
  }, [chunkPages]);
  // The copy's chunks of a whole-view read are large: cut again into the stream's pages, so
  // contacts and companies still load a page in view at a time.
  const pages = useMemo<LeadPages>(
    () => (local && chunkPages.length > 1 ? toPages(loaded) : { pages: chunkPages, pageStarts: loadedStarts }),
    [local, chunkPages, loaded, loadedStarts],
  );
  return { loaded, pages, priceSum, unreadable, viewTotals };
}
