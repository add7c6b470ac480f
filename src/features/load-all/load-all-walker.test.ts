import { describe, expect, it, vi } from 'vitest';
import type { LeadsChunk, LeadsCursor } from '@/lib/leads/leads-stream';
import { leadSchema } from '@/kommo/lead-schema';
import { createLoadAllWalker, type InfiniteLeadsData } from './load-all-walker';

const cursorAt = (page: number): LeadsCursor => ({ streams: [{ query: {}, nextPage: page, buffer: [] }] });
const pageOf = (cursor: LeadsCursor) => cursor.streams[0]!.nextPage!;

/** A fake list of `pages` pages of `size` leads; records every request. */
function fakeList(pages: number, size = 250) {
  const requested: number[] = [];
  const fetchChunk = vi.fn(async (cursor: LeadsCursor, signal: AbortSignal): Promise<LeadsChunk> => {
    signal.throwIfAborted();
    const page = pageOf(cursor);
    requested.push(page);
    await Promise.resolve();
    const leads = Array.from({ length: size }, (_, i) => leadSchema.parse({ id: (page - 1) * size + i + 1, updated_at: 1 }));
    return { source: 'live', leads, next: page < pages ? cursorAt(page + 1) : null };
  });
  return { fetchChunk, requested };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createLoadAllWalker', () => {
  it('walks until next is null, keeping one cursor per page like the infinite query', async () => {
    const { fetchChunk, requested } = fakeList(5, 10);
    const flushed: InfiniteLeadsData[] = [];
    const walker = createLoadAllWalker({ fetchChunk, firstCursor: cursorAt(1), onData: (d) => flushed.push(d) });
    const data = await walker.start();
    expect(requested).toEqual([1, 2, 3, 4, 5]);
    expect(data.pages).toHaveLength(5);
    expect(data.pageParams.map(pageOf)).toEqual([1, 2, 3, 4, 5]);
    expect(data.pages.at(-1)!.next).toBeNull();
    expect(walker.getSnapshot()).toMatchObject({ status: 'done', pages: 5, leads: 50, fetchedPages: 5, error: null });
    expect(flushed.at(-1)).toBe(data);
  });

  it('continues after the pages already loaded instead of fetching them again', async () => {
    const { fetchChunk, requested } = fakeList(4, 10);
    const first = await fetchChunk(cursorAt(1), new AbortController().signal);
    requested.length = 0;
    const walker = createLoadAllWalker({ fetchChunk, firstCursor: cursorAt(1), initial: { pages: [first], pageParams: [cursorAt(1)] } });
    const data = await walker.start();
    expect(requested).toEqual([2, 3, 4]);
    expect(data.pages[0]).toBe(first);
    expect(walker.getSnapshot()).toMatchObject({ pages: 4, leads: 40, fetchedPages: 3 });
  });

  it('is done at once when everything is already loaded', async () => {
    const { fetchChunk } = fakeList(1, 3);
    const only = await fetchChunk(cursorAt(1), new AbortController().signal);
    fetchChunk.mockClear();
    const walker = createLoadAllWalker({ fetchChunk, firstCursor: cursorAt(1), initial: { pages: [only], pageParams: [cursorAt(1)] } });
    await walker.start();
    expect(fetchChunk).not.toHaveBeenCalled();
    expect(walker.getSnapshot().status).toBe('done');
  });

  it('pauses after the page in flight and resumes where it stopped', async () => {
    const { fetchChunk, requested } = fakeList(6, 1);
    const walker = createLoadAllWalker({ fetchChunk, firstCursor: cursorAt(1) });
    const run = walker.start();
    walker.pause();
    await settle();
    expect(walker.getSnapshot().status).toBe('paused');
    expect(requested).toEqual([1]);
    expect(walker.getSnapshot().pages).toBe(1);
    walker.resume();
    await run;
    expect(requested).toEqual([1, 2, 3, 4, 5, 6]);
    expect(walker.getSnapshot().status).toBe('done');
  });

  it('cancels: aborts the request in flight and keeps the pages loaded', async () => {
    const { fetchChunk } = fakeList(100, 1);
    const seen: AbortSignal[] = [];
    const walker = createLoadAllWalker({
      fetchChunk: (cursor, signal) => {
        seen.push(signal);
        return pageOf(cursor) === 3
          ? new Promise<LeadsChunk>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
          : fetchChunk(cursor, signal);
      },
      firstCursor: cursorAt(1),
    });
    const run = walker.start();
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    walker.cancel();
    const data = await run;
    expect(seen[2]!.aborted).toBe(true);
    expect(data.pages).toHaveLength(2);
    expect(walker.getSnapshot()).toMatchObject({ status: 'cancelled', pages: 2 });
  });

  it('asks once past the size, then walks on when confirmed', async () => {
    const { fetchChunk, requested } = fakeList(10, 100);
    const walker = createLoadAllWalker({ fetchChunk, firstCursor: cursorAt(1), confirmAfterLeads: 300 });
    const run = walker.start();
    await vi.waitFor(() => expect(walker.getSnapshot().status).toBe('confirming'));
    expect(requested).toEqual([1, 2, 3]);
    walker.confirm(true);
    await run;
    expect(requested).toHaveLength(10);
    expect(walker.getSnapshot().status).toBe('done');
  });

  it('ends as cancelled, pages kept, when the confirmation is declined', async () => {
    const { fetchChunk } = fakeList(10, 100);
    const walker = createLoadAllWalker({ fetchChunk, firstCursor: cursorAt(1), confirmAfterLeads: 200 });
    const run = walker.start();
    await vi.waitFor(() => expect(walker.getSnapshot().status).toBe('confirming'));
    walker.confirm(false);
    expect((await run).pages).toHaveLength(2);
    expect(walker.getSnapshot().status).toBe('cancelled');
  });

  it('does not ask when the list ends at the threshold', async () => {
    const { fetchChunk } = fakeList(2, 100);
    const walker = createLoadAllWalker({ fetchChunk, firstCursor: cursorAt(1), confirmAfterLeads: 200 });
    await walker.start();
    expect(walker.getSnapshot().status).toBe('done');
  });

  it('stops on an error with the pages so far, and retries the same page on resume', async () => {
    const { fetchChunk, requested } = fakeList(4, 1);
    let failOnce = true;
    const walker = createLoadAllWalker({
      fetchChunk: async (cursor, signal) => {
        if (pageOf(cursor) === 3 && failOnce) {
          failOnce = false;
          throw new Error('boom');
        }
        return fetchChunk(cursor, signal);
      },
      firstCursor: cursorAt(1),
    });
    const run = walker.start();
    await vi.waitFor(() => expect(walker.getSnapshot().status).toBe('error'));
    expect(walker.getSnapshot()).toMatchObject({ pages: 2, error: new Error('boom') });
    walker.resume();
    await run;
    expect(requested).toEqual([1, 2, 3, 4]);
    expect(walker.getSnapshot()).toMatchObject({ status: 'done', error: null });
  });

  it('never walks past maxPages', async () => {
    const { fetchChunk } = fakeList(1000, 1);
    const walker = createLoadAllWalker({ fetchChunk, firstCursor: cursorAt(1), maxPages: 7, confirmAfterLeads: Infinity });
    expect((await walker.start()).pages).toHaveLength(7);
  });

  it('reports elapsed time without pauses and a rate over the last pages', async () => {
    let t = 0;
    const { fetchChunk } = fakeList(5, 250);
    const walker = createLoadAllWalker({
      fetchChunk: async (cursor, signal) => {
        t += 200;
        return fetchChunk(cursor, signal);
      },
      firstCursor: cursorAt(1),
      now: () => t,
    });
    await walker.start();
    expect(walker.getSnapshot().elapsedMs).toBe(1000);
    expect(walker.getSnapshot().pagesPerSecond).toBeCloseTo(5);
    expect(walker.getSnapshot().leadsPerSecond).toBeCloseTo(1250);
  });
});
