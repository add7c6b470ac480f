import { InfiniteQueryObserver, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { toLeadsView } from '@/kommo/leads-query';
import { createQueryClient } from './create-query-client';
import { entityQueries } from '@/lib/entities/entity-queries';
import { createFakeTransport, hang, jsonResponse, noContent } from './fake-transport.testing';
import { createKommoClient } from './kommo-client';
import { leadQueries } from '@/lib/leads/lead-queries';
import { referenceQueries } from '@/lib/reference-data/reference-queries';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('leadQueries', () => {
  it('keys the list by transport, source and query, without page or limit', () => {
    const client = createKommoClient(createFakeTransport(() => noContent));
    const options = leadQueries.list(client, toLeadsView({ page: 4, limit: 10, query: 'acme' }));
    // The source that answers, the view by its one key (src/kommo/view-key), then what the columns ask Kommo for.
    expect(options.queryKey).toEqual(['leads', 'list', 'proxy', 'live', 'query=acme', []]);
    expect(leadQueries.list(client, { query: 'acme', with: ['contacts'] }).queryKey).toEqual([
      'leads',
      'list',
      'proxy',
      'live',
      'query=acme',
      ['contacts'],
    ]);
    // The same view answered by a local copy is another list, named by its copy, paged by its offset.
    const local = leadQueries.list(client, { query: 'acme' }, { kind: 'local', key: 'local:db', read: () => Promise.reject(new Error('unused')) });
    expect(local.queryKey).toEqual(['leads', 'list', 'proxy', 'local:db', 'query=acme', []]);
    expect(local.initialPageParam).toEqual({ streams: [], localOffset: 0 });
    // The key keeps the view as the URL has it; the request names the app's default order (newest first).
    expect(options.initialPageParam).toEqual({
      streams: [{ query: { query: 'acme', order: { field: 'created_at', direction: 'desc' } }, nextPage: 1, buffer: [] }],
    });
    expect(leadQueries.list(client, { query: 'acme' }).queryKey).toEqual(options.queryKey);
  });

  it('aborts the old request when the key changes, and fetches the new one with a fresh signal', async () => {
    const transport = createFakeTransport((req) => {
      if (new URLSearchParams(req.query).get('query') === 'old') return hang();
      return jsonResponse(200, { _embedded: { leads: [{ id: 1, updated_at: 1 }] } });
    });
    const client = createKommoClient(transport);
    const queryClient = createQueryClient();
    const observer = new InfiniteQueryObserver(queryClient, leadQueries.list(client, { query: 'old' }));
    const unsubscribe = observer.subscribe(() => {});
    await tick(10);
    expect(transport.requests).toHaveLength(1);

    observer.setOptions(leadQueries.list(client, { query: 'new' }));
    await tick(20);
    expect(transport.requests).toHaveLength(2);
    const [oldRequest, newRequest] = transport.requests;
    expect(oldRequest?.signal.aborted).toBe(true);
    expect(newRequest?.signal.aborted).toBe(false);
    expect(observer.getCurrentResult().data?.pages[0]?.leads.map((l) => l.id)).toEqual([1]);
    unsubscribe();
    queryClient.clear();
  });

  it('pages through the merged list with fetchNextPage until next is null', async () => {
    const transport = createFakeTransport((req) => {
      const q = new URLSearchParams(req.query);
      const status = Number(q.get('filter[statuses][0][status_id]'));
      if (q.get('page') !== '1') return noContent;
      return jsonResponse(200, {
        _embedded: {
          leads: [
            { id: status, updated_at: 1 },
            { id: status + 100, updated_at: 1 },
          ],
        },
      });
    });
    const client = createKommoClient(transport);
    const queryClient = createQueryClient();
    const query = {
      filter: {
        statuses: [
          { pipeline_id: 1, status_id: 20 },
          { pipeline_id: 1, status_id: 10 },
        ],
      },
      order: { field: 'id' as const, direction: 'asc' as const },
    };
    const data = await queryClient.fetchInfiniteQuery(leadQueries.list(client, query));
    expect(data.pages[0]?.leads.map((l) => l.id)).toEqual([10, 20, 110, 120]);
    expect(data.pages[0]?.next).toBeNull();
    queryClient.clear();
  });
});

describe('referenceQueries and entityQueries', () => {
  it('reference data never goes stale and is keyed general to specific', () => {
    const client = createKommoClient(createFakeTransport(() => noContent));
    const names = ['account', 'pipelines', 'users', 'customFields', 'lossReasons', 'tags', 'catalogs', 'sources'] as const;
    for (const name of names) {
      const options = referenceQueries[name](client);
      expect(options.staleTime).toBe(Infinity);
      expect(options.queryKey[0]).toBe('reference');
      expect(options.queryKey[2]).toBe('proxy');
    }
  });

  it('entity keys hold the sorted, deduplicated ids', () => {
    const client = createKommoClient(createFakeTransport(() => noContent));
    expect(entityQueries.contacts(client, [3, 1, 3, 2]).queryKey).toEqual(['entities', 'contacts', 'proxy', [1, 2, 3]]);
    expect(entityQueries.companies(client, [2, 2]).queryKey).toEqual(['entities', 'companies', 'proxy', [2]]);
    expect(entityQueries.catalogElements(client, 9, [5, 4]).queryKey).toEqual(['entities', 'catalog-elements', 'proxy', 9, [4, 5]]);
  });

  it('the query client never retries on its own (the KommoClient does)', async () => {
    const transport = createFakeTransport(() => ({ status: 404, headers: {}, body: '' }));
    const client = createKommoClient(transport);
    const queryClient = createQueryClient();
    const observer = new QueryObserver(queryClient, referenceQueries.account(client));
    const unsubscribe = observer.subscribe(() => {});
    await tick(20);
    expect(observer.getCurrentResult().error).toMatchObject({ kind: 'not-found' });
    expect(transport.requests).toHaveLength(1);
    expect(queryClient.getDefaultOptions().queries?.refetchOnWindowFocus).toBe(false);
    unsubscribe();
    queryClient.clear();
  });
});

describe('custom fields: first page, then the rest', () => {
  it('the whole list reuses the first page the table drew with: page 1 is requested once', async () => {
    const next = { next: { href: 'https://x/next' } };
    const transport = createFakeTransport((req) => {
      const page = Number(new URLSearchParams(req.query).get('page'));
      const fields = Array.from({ length: page < 2 ? 50 : 3 }, (_, i) => ({ id: page * 100 + i, name: `F${page}.${i}`, type: 'text' }));
      return jsonResponse(200, { _links: page < 2 ? next : {}, _embedded: { custom_fields: fields } });
    });
    const client = createKommoClient(transport);
    const queryClient = createQueryClient();
    const first = await queryClient.fetchQuery(referenceQueries.customFieldsFirstPage(client));
    expect(first.fields).toHaveLength(50);
    expect(first.hasNext).toBe(true);
    const all = await queryClient.fetchQuery(referenceQueries.customFields(client));
    expect(all).toHaveLength(53);
    expect(transport.requests.map((r) => new URLSearchParams(r.query).get('page'))).toEqual(['1', '2']);
  });
});
