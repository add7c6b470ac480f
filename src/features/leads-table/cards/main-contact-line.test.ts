import { describe, expect, it } from 'vitest';
import { contactSchema, type Contact } from '@/kommo/contact-schema';
import { leadSchema, type Lead } from '@/kommo/lead-schema';
import { mainContactLine } from './main-contact-line';

const lead = (contacts: { id: number; is_main: boolean }[]): Lead =>
  leadSchema.parse({ id: 1, updated_at: 1, name: 'Deal', price: 10, _embedded: { tags: [], companies: [], contacts } });
const contact = (id: number, name: string, phones: string[]): Contact =>
  contactSchema.parse({
    id,
    name,
    custom_fields_values: phones.length
      ? [
          {
            field_id: 5,
            field_name: 'Phone',
            field_code: 'PHONE',
            field_type: 'multitext',
            values: phones.map((value) => ({ value, enum_code: 'WORK' })),
          },
        ]
      : null,
  });

describe('mainContactLine', () => {
  it('names the main contact (not the first linked) and dials its first phone', () => {
    const contacts = new Map([
      [7, contact(7, 'Other', ['+1 555 0000'])],
      [8, contact(8, 'Ana Souza', ['+55 (11) 5555-0101', '+55 11 4444-0000'])],
    ]);
    const line = mainContactLine(
      lead([
        { id: 7, is_main: false },
        { id: 8, is_main: true },
      ]),
      contacts,
    );
    expect(line).toEqual({ id: 8, name: 'Ana Souza', phone: '+55 (11) 5555-0101', href: 'tel:+551155550101' });
  });

  it('shows a phone that cannot be dialled as text, without a link', () => {
    const line = mainContactLine(lead([{ id: 8, is_main: true }]), new Map([[8, contact(8, 'Ana', ['ask reception'])]]));
    expect(line).toMatchObject({ phone: 'ask reception', href: null });
  });

  it('a script in a phone never becomes a link of another scheme', () => {
    const line = mainContactLine(lead([{ id: 8, is_main: true }]), new Map([[8, contact(8, 'Ana', ['javascript:alert(1)//5551234'])]]));
    expect(line?.href).toBe('tel:15551234');
  });

  it('a lead without contacts has no line; a contact not fetched yet has its id only', () => {
    expect(mainContactLine(lead([]), new Map())).toBeNull();
    expect(mainContactLine(lead([{ id: 9, is_main: true }]), new Map())).toEqual({ id: 9, name: null, phone: null, href: null });
  });
});
