// The count of the leads a user can see (Kommo gives no total): exact, in about 2·log2(pages) requests.
import { describe, expect, it } from 'vitest';
import { createFakeTransport, jsonResponse, noContent } from '@/lib/api/fake-transport.testing';
import { createKommoClient } from '@/lib/api/kommo-client';
import { countVisibleLeads } from './leads-count';

function account(total: number) {
  const pages: number[] = [];
  const transport = createFakeTransport((request) => {
    const params = new URLSearchParams(request.query);
    const page = Number(params.get('page'));
    const limit = Number(params.get('limit'));
    pages.push(page);
    const first = (page - 1) * limit;
    const size = Math.max(0, Math.min(limit, total - first));
    // Kommo answers a page past the end with 204 and no body.
    if (size === 0) return noContent;
    const leads = Array.from({ length: size }, (_, i) => ({ id: first + i + 1, updated_at: 1 }));
    return jsonResponse(200, { _page: page, _links: first + size < total ? { next: { href: 'next' } } : {}, _embedded: { leads } });
  });
  return { client: createKommoClient(transport, { maxRetries: 0, ratePerSecond: 100_000 }), pages };
}

describe('countVisibleLeads', () => {
  it.each([0, 1, 249, 250, 251, 1500, 1501, 100_000, 99_999])('counts %i leads exactly', async (total) => {
    const { client, pages } = account(total);
    expect(await countVisibleLeads(client, new AbortController().signal)).toBe(total);
    const lastPage = Math.max(1, Math.ceil(total / 250));
    expect(pages.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(lastPage + 1)) + 2);
  });
});
