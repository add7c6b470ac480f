import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { KommoClient } from '../../lib/api/kommo-client';
import { LEADS_PATH } from '../../lib/api/leads-fetchers';
import { nextPageQuery, withLeadsPrefetch } from './leads-prefetch-client';

const schema = z.unknown();

/** A client whose leads pages 1..last answer `page:N` and later pages null (204). */
function fakeClient(last: number) {
  const calls: string[] = [];
  const client: KommoClient = {
    transportKind: 'proxy',
    async get(path, query) {
      calls.push(`${path}?${query}`);
      const page = Number(new URLSearchParams(query).get('page'));
      return (page <= last ? `page:${page}` : null) as never;
    },
    getState: () => ({ blocked: false, rateLimitedUntil: null, requests: calls.length }),
    subscribe: () => () => undefined,
    unblock: () => undefined,
  };
  return { client, calls };
}

const signal = new AbortController().signal;

describe('nextPageQuery', () => {
  it('keeps every parameter and moves the page on', () => {
    expect(nextPageQuery('with=contacts&page=3&limit=250&filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=2')).toBe(
      'with=contacts&page=4&limit=250&filter[statuses][0][pipeline_id]=1&filter[statuses][0][status_id]=2',
    );
    expect(nextPageQuery('limit=250')).toBeNull();
  });
});

describe('withLeadsPrefetch', () => {
  it('requests page p+1 with page p and hands it over when asked, each page once', async () => {
    const { client, calls } = fakeClient(3);
    const walk = withLeadsPrefetch(client, new AbortController().signal);
    expect(await walk.get(LEADS_PATH, 'page=1&limit=250', schema, signal)).toBe('page:1');
    expect(calls).toEqual([`${LEADS_PATH}?page=1&limit=250`, `${LEADS_PATH}?page=2&limit=250`]);
    expect(await walk.get(LEADS_PATH, 'page=2&limit=250', schema, signal)).toBe('page:2');
    expect(await walk.get(LEADS_PATH, 'page=3&limit=250', schema, signal)).toBe('page:3');
    expect(await walk.get(LEADS_PATH, 'page=4&limit=250', schema, signal)).toBeNull();
    // Pages 1-4 once each, plus one look past the end.
    expect(calls.map((c) => new URLSearchParams(c.split('?')[1]).get('page'))).toEqual(['1', '2', '3', '4', '5']);
    expect(walk.stats()).toEqual({ prefetched: 4, used: 3 });
  });

  it('passes other paths straight through', async () => {
    const { client, calls } = fakeClient(3);
    const walk = withLeadsPrefetch(client, new AbortController().signal);
    await walk.get('/api/v4/contacts', 'filter[id][]=1', schema, signal);
    expect(calls).toEqual(['/api/v4/contacts?filter[id][]=1']);
  });

  it('stops prefetching once the walk is aborted', async () => {
    const { client, calls } = fakeClient(10);
    const controller = new AbortController();
    const walk = withLeadsPrefetch(client, controller.signal);
    controller.abort();
    await walk.get(LEADS_PATH, 'page=1', schema, signal);
    expect(calls).toHaveLength(1);
  });
});
