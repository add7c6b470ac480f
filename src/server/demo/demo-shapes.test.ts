// The demo account emits only shapes real Kommo shows: every key path of each demo response must
// appear in the real bodies of the same endpoint (src/kommo/fixtures/real, see SOURCES.md), apart
// from a short list of paths no public body shows that the official PHP SDK reads (named below).
import { describe, expect, it } from 'vitest';
import { realBody as corpus } from '@/kommo/real-corpus.testing';
import { createDemoAccount } from './demo-account';
import { createDemoTestClient } from './demo-test-client';

const TOKEN = 'shapes-token';
const { app, data } = createDemoAccount({ token: TOKEN, leads: 600, seed: 5, rateLimit: false });
const get = createDemoTestClient(app, TOKEN);

/** `a.b[].c` for every key of every object; array items share `[]`; values only by their place. */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, `${prefix}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      keyPaths(child, path, out);
    }
  }
  return out;
}

/** A single entity's body read as one item of its list. */
const asItemOf = (list: string, item: unknown) => ({ _embedded: { [list]: [item] } });

/**
 * Paths no public body of that endpoint shows, each read by the official PHP SDK (amocrm/amocrm-api-php)
 * or shown by the corpus on another endpoint: the demo serves them so the app's reading of them is exercised.
 */
const SDK_ONLY: readonly RegExp[] = [
  /^_embedded\.leads\[\]\.price_with_minor_units$/, // LeadModel::fromArray
  /^_embedded\.leads\[\]\.custom_fields_values\[\]\.values\[\]\.(catalog_id|catalog_element_id)$/, // ChainedListCustomFieldValueModel
  /^_embedded\.\w+\[\]\.custom_fields_values\[\]\.values\[\]\.enum_code$/, // BaseEnumCodeCustomFieldValueModel (Kommo's leads example shows it)
  /^currency(_symbol)?$/, // AccountModel::fromArray reads both
  /^_embedded\.custom_fields\[\]\.currency$/, // MonetaryCustomFieldModel
  /^_links\.(first|prev|next)(\.href)?$/, // Kommo's paging links, as the leads list shows them
];

type Case = { endpoint: string; corpus: unknown[] };
const CASES: Case[] = [
  {
    endpoint: '/api/v4/leads?limit=250&with=contacts,loss_reason,catalog_elements,source_id,is_price_modified_by_robot',
    corpus: [
      corpus('amocrm-docs-leads-list.json'),
      corpus('kommo-docs-leads-list.json'),
      corpus('real-account-leads-page.json'),
      asItemOf('leads', corpus('amocrm-docs-lead-detail.json')),
      asItemOf('leads', corpus('kommo-docs-lead-detail.json')),
      asItemOf('leads', corpus('activepieces-kommo-lead.json')),
    ],
  },
  { endpoint: '/api/v4/account?with=datetime_settings,users_groups,is_api_filter_enabled', corpus: [corpus('amocrm-docs-account.json')] },
  {
    endpoint: '/api/v4/users?with=group&limit=250',
    corpus: [corpus('amocrm-docs-users-with-role-group.json'), asItemOf('users', corpus('amocrm-docs-user-detail.json'))],
  },
  { endpoint: '/api/v4/leads/pipelines', corpus: [corpus('amocrm-docs-pipelines.json')] },
  {
    endpoint: '/api/v4/contacts?limit=50',
    corpus: [corpus('amocrm-docs-contacts-list.json'), asItemOf('contacts', corpus('amocrm-docs-contact-detail.json'))],
  },
  {
    endpoint: '/api/v4/companies?limit=50',
    corpus: [corpus('amocrm-docs-companies-list.json'), asItemOf('companies', corpus('amocrm-docs-company-detail.json'))],
  },
  { endpoint: '/api/v4/catalogs', corpus: [corpus('amocrm-docs-catalogs.json')] },
  {
    endpoint: `/api/v4/catalogs/${data.regularCatalogId}/elements`,
    corpus: [corpus('amocrm-docs-catalog-elements.json'), asItemOf('elements', corpus('amocrm-docs-catalog-element-detail.json'))],
  },
  {
    endpoint: '/api/v4/leads/custom_fields',
    corpus: [corpus('amocrm-docs-custom-fields.json'), asItemOf('custom_fields', corpus('amocrm-docs-custom-field-detail.json'))],
  },
  { endpoint: '/api/v4/leads/tags', corpus: [corpus('amocrm-docs-tags.json')] },
  // The stage moves of the first leads (demo-stage-history.ts), as Kommo's "Events list" example shows one.
  {
    endpoint: `/api/v4/events?filter[type]=lead_status_changed&filter[entity]=lead&limit=2&${data.leads
      .slice(0, 10)
      .map((l) => `filter[entity_id][]=${l.id}`)
      .join('&')}`,
    corpus: [corpus('kommo-docs-events-lead-status-changed.json')],
  },
];

describe('demo account shapes against the real corpus', () => {
  for (const { endpoint, corpus: bodies } of CASES) {
    it(`${endpoint.split('?')[0]} emits no key or nesting the real bodies never show`, async () => {
      const answer = await get(endpoint);
      expect(answer.status).toBe(200);
      const real = new Set<string>();
      for (const b of bodies) keyPaths(b, '', real);
      const unseen = [...keyPaths(answer.json)].filter((path) => !real.has(path) && !SDK_ONLY.some((re) => re.test(path)));
      expect(unseen).toEqual([]);
    });
  }

  it('serves the real shapes the app must read: _embedded settings, per-user groups, bare tag colours, chained lists, cents', async () => {
    const account = (await get('/api/v4/account?with=datetime_settings,users_groups')).json;
    expect(account).toHaveProperty('_embedded.datetime_settings.timezone', 'America/Sao_Paulo');
    expect(account).toHaveProperty('_embedded.users_groups.0.id', 0);
    const tags = (await get('/api/v4/leads/tags')).json as { _embedded: { tags: { color: string | null }[] } };
    expect(tags._embedded.tags.some((tag) => tag.color !== null)).toBe(true);
    for (const tag of tags._embedded.tags) if (tag.color !== null) expect(tag.color).toMatch(/^[0-9A-F]{6}$/);
    const leads = (await get('/api/v4/leads?limit=250')).json as {
      _embedded: {
        leads: {
          price: number;
          price_with_minor_units: number;
          custom_fields_values: { field_type: string; values: Record<string, unknown>[] }[] | null;
        }[];
      };
    };
    expect(leads._embedded.leads.some((l) => l.price_with_minor_units !== l.price)).toBe(true);
    const chained = leads._embedded.leads.flatMap((l) => l.custom_fields_values ?? []).filter((f) => f.field_type === 'chained_list');
    expect(chained.length).toBeGreaterThan(0);
    for (const field of chained) for (const v of field.values) expect(Object.keys(v).sort()).toEqual(['catalog_element_id', 'catalog_id']);
    const contacts = (await get('/api/v4/contacts?limit=250')).json as { _embedded: { contacts: { name: string; first_name: string }[] } };
    expect(contacts._embedded.contacts.some((c) => c.name === '' && c.first_name === '')).toBe(true);
  });
});
