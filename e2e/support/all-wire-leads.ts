// Every lead of the demo account as Kommo sends it, read page by page through the proxy: what the
// specs compare the app against. The price is the one a user sees, with its cents
// (price_with_minor_units) when Kommo sends them.
import type { APIRequestContext } from '@playwright/test';
import { API_HEADERS } from './api-headers';

type PricedLead = { price: number | null; price_with_minor_units?: number | null };

export async function allWireLeads<T extends PricedLead>(request: APIRequestContext): Promise<T[]> {
  const leads: T[] = [];
  for (let page = 1; page <= 400; page++) {
    const res = await request.get(`/api/v4/leads?limit=250&page=${page}`, { headers: API_HEADERS });
    if (res.status() === 204) break;
    // Anything but a page of leads fails the spec that asked, with what the proxy said.
    if (res.status() !== 200) throw new Error(`GET /api/v4/leads page ${page}: ${res.status()} ${await res.text()}`);
    const body = (await res.json()) as { _embedded: { leads: T[] }; _links: { next?: unknown } };
    leads.push(...body._embedded.leads.map((l) => ({ ...l, price: l.price_with_minor_units ?? l.price })));
    if (!body._links.next) break;
  }
  return leads;
}
