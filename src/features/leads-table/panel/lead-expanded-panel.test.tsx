// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { leadSchema, type Lead, type LeadWire } from '@/kommo/lead-schema';
import { createFakeTransport, jsonResponse, problemResponse, type FakeHandler } from '@/lib/api/fake-transport.testing';
import { createKommoClient } from '@/lib/api/kommo-client';
import { renderWithProviders } from '@/test-utils/render';
import { buildLeadReference } from '@/lib/reference-data/lead-reference';
import { LeadExpandedPanel } from './lead-expanded-panel';
import { testTableContext, TestTableContext } from '@/features/leads-table/leads-table-context.testing';

const reference = buildLeadReference({
  account: { id: 1, name: 'Acme', subdomain: 'acme', currency: 'USD', datetime_settings: { timezone: 'UTC' }, users_groups: [] },
  pipelines: [],
  users: [],
  groups: [],
  customFields: [],
  lossReasons: [{ id: 9, name: 'Too expensive' }],
  catalogs: [{ id: 7, name: 'Products', type: 'products' }],
});

const BARE: LeadWire = { id: 42, name: 'Big deal', updated_at: 1, loss_reason_id: 9, _embedded: { tags: [], companies: [{ id: 5 }] } };
const WITH_LINKS: LeadWire = {
  ...BARE,
  _embedded: {
    tags: [],
    companies: [{ id: 5 }],
    contacts: [{ id: 11, is_main: true }],
    loss_reason: [{ id: 9, name: 'Too expensive' }],
    catalog_elements: [{ id: 70, metadata: { quantity: 3, catalog_id: 7 } }],
  },
};

const lead = (wire: LeadWire): Lead => leadSchema.parse(wire);

const entities: FakeHandler = ({ path }) => {
  if (path === '/api/v4/contacts') {
    return jsonResponse(200, {
      _embedded: {
        contacts: [
          {
            id: 11,
            name: 'Ana Lima',
            custom_fields_values: [
              { field_id: 1, field_code: 'PHONE', values: [{ value: '+55 11 99999-0000' }, { value: '+55 11 3333-0000' }] },
              { field_id: 2, field_code: 'EMAIL', values: [{ value: 'ana@lima.example' }, { value: 'javascript:alert(1)' }] },
            ],
          },
        ],
      },
    });
  }
  if (path === '/api/v4/companies') return jsonResponse(200, { _embedded: { companies: [{ id: 5, name: 'Lima Ltda' }] } });
  if (path === '/api/v4/catalogs/7/elements') return jsonResponse(200, { _embedded: { elements: [{ id: 70, name: 'Widget Pro', catalog_id: 7 }] } });
  return problemResponse(404, { title: 'Not found' });
};

function renderPanel(pageLead: Lead, handler: FakeHandler) {
  const transport = createFakeTransport(handler);
  const client = createKommoClient(transport, { maxRetries: 0 });
  renderWithProviders(
    <TestTableContext
      value={testTableContext(reference, { kommoLink: { kind: 'link', href: (id) => `https://acme.kommo.com/leads/detail/${id}`, open: null } })}
    >
      <LeadExpandedPanel lead={pageLead} pageLeads={[pageLead]} height={300} colSpan={5} />
    </TestTableContext>,
    { client },
  );
  return transport;
}

const section = (title: string) => screen.getByRole('heading', { name: title }).closest('section') as HTMLElement;

describe('LeadExpandedPanel', () => {
  it('uses the page data when the list already has the links: no lead request', async () => {
    const transport = renderPanel(lead(WITH_LINKS), entities);
    expect(await within(section('Contacts')).findByText('Ana Lima')).toBeTruthy();
    expect(await within(section('Products')).findByText('Widget Pro')).toBeTruthy();
    expect(within(section('Loss reason')).getByText('Too expensive')).toBeTruthy();
    expect(transport.requests.some((r) => r.path === '/api/v4/leads')).toBe(false);
  });

  it('fetches the lead with its links on expand when the page was loaded without them', async () => {
    const transport = renderPanel(lead(BARE), (request, index) =>
      request.path === '/api/v4/leads' ? jsonResponse(200, { _embedded: { leads: [WITH_LINKS] } }) : entities(request, index),
    );
    expect(within(section('Contacts')).getByText('Loading…')).toBeTruthy();
    expect(await within(section('Contacts')).findByText('Ana Lima')).toBeTruthy();
    expect(within(section('Contacts')).getByText('+55 11 99999-0000')).toBeTruthy();
    expect(await within(section('Products')).findByText('Widget Pro')).toBeTruthy();
    expect(within(section('Products')).getByText(/Qty 3/)).toBeTruthy();
    expect(within(section('Loss reason')).getByText('Too expensive')).toBeTruthy();
    expect(await within(section('Company')).findByText('Lima Ltda')).toBeTruthy();
    expect(screen.queryByText(/Not loaded/)).toBeNull();

    const leadRequests = transport.requests.filter((r) => r.path === '/api/v4/leads');
    expect(leadRequests).toHaveLength(1);
    const params = new URLSearchParams(leadRequests[0]!.query);
    expect(params.getAll('filter[id][]')).toEqual(['42']);
    expect(params.get('with')?.split(',').sort()).toEqual(['catalog_elements', 'contacts', 'loss_reason']);
    // The entities of this lead only, in one request each.
    expect(transport.requests.filter((r) => r.path === '/api/v4/contacts')).toHaveLength(1);
    expect(transport.requests.filter((r) => r.path === '/api/v4/catalogs/7/elements')).toHaveLength(1);
  });

  it('lists each phone and e-mail on its own line as a tel:/mailto: link with a copy button; a non-address stays text', async () => {
    renderPanel(lead(WITH_LINKS), entities);
    const contacts = section('Contacts');
    expect(await within(contacts).findByRole('link', { name: 'Call +55 11 99999-0000' })).toHaveProperty('href', 'tel:+5511999990000');
    expect(within(contacts).getByRole('link', { name: 'Call +55 11 3333-0000' })).toHaveProperty('href', 'tel:+551133330000');
    expect(within(contacts).getByRole('link', { name: 'Write to ana@lima.example' })).toHaveProperty('href', 'mailto:ana@lima.example');
    expect(within(contacts).getByText('javascript:alert(1)').closest('a')).toBeNull();
    expect(within(contacts).getAllByRole('button', { name: /^Copy / })).toHaveLength(4);
  });

  it('links the lead to its card in Kommo, in a new tab without opener or referrer', () => {
    renderPanel(lead(BARE), entities);
    const link = screen.getByRole('link', { name: 'Open in Kommo ↗' });
    expect(link.getAttribute('href')).toBe('https://acme.kommo.com/leads/detail/42');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows a failure inside the panel and retries on demand', async () => {
    let fail = true;
    renderPanel(lead(BARE), (request, index) => {
      if (request.path !== '/api/v4/leads') return entities(request, index);
      return fail ? problemResponse(500, { title: 'Internal', detail: 'boom' }) : jsonResponse(200, { _embedded: { leads: [WITH_LINKS] } });
    });
    const contacts = section('Contacts');
    expect(await within(contacts).findByText(/Could not load/)).toBeTruthy();
    fail = false;
    fireEvent.click(within(contacts).getByRole('button', { name: 'Retry' }));
    expect(await within(section('Contacts')).findByText('Ana Lima')).toBeTruthy();
    expect(await within(section('Products')).findByText('Widget Pro')).toBeTruthy();
  });

  it('says so when Kommo no longer returns the lead', async () => {
    renderPanel(lead(BARE), (request, index) =>
      request.path === '/api/v4/leads' ? { status: 204, headers: {}, body: '' } : entities(request, index),
    );
    expect(await within(section('Contacts')).findByText(/no longer returns this lead/)).toBeTruthy();
  });
});
