import { LIVE_SOURCE } from '@/lib/leads/leads-source';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Lead } from '@/kommo/lead-schema';
import type { KommoClient } from '@/lib/api/kommo-client';
import { leadQueries } from '@/lib/leads/lead-queries';
import { initialLeadsCursor, type LeadsChunk } from '@/lib/leads/leads-stream';
import { narrowLoadedList, seedNarrowedList } from './seed-narrowed-list';

const lead = (id: number, status_id: number) => ({ id, status_id, pipeline_id: 1 }) as Lead;
const client = { transportKind: 'proxy' } as KommoClient;
const cursor = initialLeadsCursor({});

describe('narrowLoadedList', () => {
  it('keeps the matching leads in their order, in chunks of 250, the last one ending the list', () => {
    const pages: LeadsChunk[] = [
      { source: 'live', leads: Array.from({ length: 250 }, (_, i) => lead(i + 1, i % 2 ? 10 : 20)), next: cursor },
      { source: 'live', leads: Array.from({ length: 250 }, (_, i) => lead(i + 251, 10)), next: cursor },
      { source: 'live', leads: [lead(501, 10), lead(502, 20)], next: null },
    ];
    const data = narrowLoadedList(pages, (l) => l.status_id === 10, cursor)!;
    const ids = data.pages.flatMap((p) => p.leads.map((l) => l.id));
    expect(ids).toEqual(
      pages
        .flatMap((p) => p.leads)
        .filter((l) => l.status_id === 10)
        .map((l) => l.id),
    );
    expect(data.pages.map((p) => p.leads.length)).toEqual([250, 126]);
    expect(data.pages.at(-1)!.next).toBeNull();
  });

  it('refuses a view that is not wholly loaded: the narrower one may hold leads not here', () => {
    expect(narrowLoadedList([{ source: 'live', leads: [lead(1, 10)], next: cursor }], () => true, cursor)).toBeNull();
  });

  it('an empty narrowing is one empty, complete chunk', () => {
    expect(narrowLoadedList([{ source: 'live', leads: [lead(1, 10)], next: null }], () => false, cursor)).toEqual({
      pages: [{ source: 'live', leads: [], next: null }],
      pageParams: [cursor],
    });
  });
});

describe('seedNarrowedList', () => {
  it('writes the narrower view from a complete wider one, and never over a list the narrower view already has', () => {
    const queryClient = new QueryClient();
    const wide = {};
    const narrow = { filter: { statuses: [{ pipeline_id: 1, status_id: 10 }] } };
    queryClient.setQueryData(leadQueries.list(client, wide).queryKey, {
      pages: [{ source: 'live', leads: [lead(1, 10), lead(2, 20)], next: null }],
      pageParams: [cursor],
    });
    expect(seedNarrowedList(queryClient, client, LIVE_SOURCE, wide, narrow, (l) => l.status_id === 10)).toBe(true);
    expect(queryClient.getQueryData(leadQueries.list(client, narrow).queryKey)?.pages[0]?.leads.map((l) => l.id)).toEqual([1]);
    expect(seedNarrowedList(queryClient, client, LIVE_SOURCE, wide, narrow, () => true)).toBe(false);
    expect(queryClient.getQueryData(leadQueries.list(client, narrow).queryKey)?.pages[0]?.leads.map((l) => l.id)).toEqual([1]);
  });
});
