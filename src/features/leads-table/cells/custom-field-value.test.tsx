// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CustomFieldValue as CustomFieldValueData } from '@/kommo/custom-field-schema';
import { buildLeadReference } from '@/lib/reference-data/lead-reference';
import { CustomFieldValue } from './custom-field-value';
import { testTableContext, TestTableContext } from '@/features/leads-table/leads-table-context.testing';

function field(type: string, values: CustomFieldValueData['values']): CustomFieldValueData {
  return { field_id: 1, field_name: 'F', field_code: null, field_type: type, values };
}

function renderValue(value: CustomFieldValueData, timeZone = 'America/Sao_Paulo') {
  const reference = buildLeadReference({
    account: { id: 1, name: 'A', subdomain: 'a', currency: null, datetime_settings: { timezone: timeZone }, users_groups: [] },
    pipelines: [],
    users: [],
  });
  return render(
    <TestTableContext value={testTableContext(reference)}>
      <CustomFieldValue value={value} />
    </TestTableContext>,
  ).container;
}

describe('CustomFieldValue', () => {
  it('renders text, textarea and address as text', () => {
    expect(renderValue(field('text', [{ value: 'Hello' }])).textContent).toBe('Hello');
    expect(renderValue(field('textarea', [{ value: 'line 1\nline 2' }])).textContent).toBe('line 1\nline 2');
    expect(renderValue(field('streetaddress', [{ value: 'Rua A, 1' }])).textContent).toBe('Rua A, 1');
  });

  it('renders numeric strings as numbers', () => {
    expect(renderValue(field('numeric', [{ value: '1234.5' }])).textContent).toBe('1,234.5');
  });

  it('renders select and radiobutton labels, multiselect as chips', () => {
    expect(renderValue(field('select', [{ value: 'Gold', enum_id: 3 }])).textContent).toBe('Gold');
    expect(renderValue(field('radiobutton', [{ value: 'B', enum_id: 4 }])).textContent).toBe('B');
    const chips = renderValue(
      field('multiselect', [
        { value: 'Red', enum_id: 1 },
        { value: 'Blue', enum_id: 2 },
      ]),
    );
    // One chip per option; the comma between them is there for screen readers and copying, not drawn.
    const leaves = [...chips.querySelectorAll('span')].filter((s) => s.children.length === 0);
    expect(leaves.map((s) => s.textContent)).toEqual(['Red', ', ', 'Blue']);
    expect(chips.textContent).toBe('Red, Blue');
  });

  it('renders checkboxes as yes/no', () => {
    expect(renderValue(field('checkbox', [{ value: true }])).textContent).toBe('Yes');
    expect(renderValue(field('checkbox', [{ value: false }])).textContent).toBe('No');
  });

  it('renders a date at account midnight on its own day, whatever the browser zone', () => {
    const midnightSaoPaulo = Date.UTC(2024, 2, 10, 3) / 1000;
    expect(renderValue(field('date', [{ value: midnightSaoPaulo }])).textContent).toBe('03/10/2024');
    expect(renderValue(field('birthday', [{ value: midnightSaoPaulo }])).textContent).toBe('March 10, 2024');
    expect(renderValue(field('date_time', [{ value: midnightSaoPaulo }])).textContent).toBe('03/10/2024, 12:00 AM');
  });

  it('links http, https, mailto and tel urls safely', () => {
    for (const url of ['https://example.com', 'http://example.com', 'mailto:a@b.co', 'tel:+34600000000']) {
      const a = renderValue(field('url', [{ value: url }])).querySelector('a');
      expect(a?.getAttribute('href')).toBeTruthy();
      expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a?.getAttribute('target')).toBe('_blank');
      expect(a?.textContent).toBe(url);
    }
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.cookie)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;&#x61;vascript:alert(1)',
  ])('shows %s as plain text, never a link', (url) => {
    const container = renderValue(field('url', [{ value: url }]));
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe(url);
  });

  it('never interprets CRM strings as HTML', () => {
    const container = renderValue(field('text', [{ value: '<img src=x onerror=alert(1)><b>bold</b>' }]));
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)><b>bold</b>');
  });

  it('summarises object values (legal entity, file, chained list) as text', () => {
    expect(renderValue(field('legal_entity', [{ value: { name: 'ACME Ltda', vat_id: '123' } }])).textContent).toBe('ACME Ltda');
    expect(renderValue(field('chained_list', [{ value: { catalog_id: 5, catalog_element_id: 9 } }])).textContent).toBe('5, 9');
  });

  it('shows a neutral mark for a value it cannot read, never its JSON', () => {
    const text = renderValue(
      field('some_future_type', [{ value: { deeply: { nested: true } }, unreadable: true }, { value: 'readable' }]),
    ).textContent;
    expect(text).toBe('…, readable');
    expect(text).not.toContain('{');
  });
});
