import { describe, expect, it } from 'vitest';
import { encodeLeadsQuery, type LeadsQuery } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadsPageResult } from './leads-fetchers';
import { createLeadsPagePrefetch } from './leads-page-prefetch';

/** A page fetcher whose pages 1..last hold one lead (id = page) and later pages are empty (204). */
function fakePages(last: number) {
  const calls: string[] = [];
  const fetchPage = async (query: LeadsQuery): Promise<LeadsPageResult> => {
    calls.push(encodeLeadsQuery(query));
    const page = query.page ?? 1;
    return page <= last ? { leads: [{ id: page } as Lead], hasNext: true } : { leads: [], hasNext: false };
  };
  return { fetchPage, calls };
}

const signal = new AbortController().signal;
const pageOf = (call: string) => new URLSearchParams(call).get('page');

describe('createLeadsPagePrefetch', () => {
  it('keeps every parameter of the view and moves the page on', async () => {
    const { fetchPage, calls } = fakePages(5);
    const walk = createLeadsPagePrefetch(fetchPage, new AbortController().signal);
    await walk.source({ with: ['contacts'], filter: { statuses: [{ pipeline_id: 1, status_id: 2 }] } }, 3, signal);
    expect(calls).toEqual([
      'with=contacts&page=3&limit=250&filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=2',
      'with=contacts&page=4&limit=250&filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=2',
    ]);
  });

  it('requests page p+1 with page p and hands it over when asked, each page once', async () => {
    const { fetchPage, calls } = fakePages(3);
    const walk = createLeadsPagePrefetch(fetchPage, new AbortController().signal);
    expect((await walk.source({}, 1, signal)).leads.map((l) => l.id)).toEqual([1]);
    expect(calls).toEqual(['page=1&limit=250', 'page=2&limit=250']);
    expect((await walk.source({}, 2, signal)).leads.map((l) => l.id)).toEqual([2]);
    expect((await walk.source({}, 3, signal)).leads.map((l) => l.id)).toEqual([3]);
    expect(await walk.source({}, 4, signal)).toEqual({ leads: [], hasNext: false });
    // Pages 1-4 once each, plus one look past the end.
    expect(calls.map(pageOf)).toEqual(['1', '2', '3', '4', '5']);
    expect(walk.stats()).toEqual({ prefetched: 4, used: 3 });
  });

  it('keeps the pages of different views apart', async () => {
    const { fetchPage, calls } = fakePages(3);
    const walk = createLeadsPagePrefetch(fetchPage, new AbortController().signal);
    await walk.source({ filter: { statuses: [{ pipeline_id: 1, status_id: 2 }] } }, 1, signal);
    await walk.source({ filter: { statuses: [{ pipeline_id: 1, status_id: 3 }] } }, 1, signal);
    expect(calls).toHaveLength(4);
    expect(walk.stats()).toEqual({ prefetched: 2, used: 0 });
  });

  it('stops prefetching once the walk is aborted', async () => {
    const { fetchPage, calls } = fakePages(10);
    const controller = new AbortController();
    const walk = createLeadsPagePrefetch(fetchPage, controller.signal);
    controller.abort();
    await walk.source({}, 1, signal);
    expect(calls).toHaveLength(1);
  });
});
