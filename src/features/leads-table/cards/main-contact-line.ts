// What a card says about the lead's main contact: the name, and the first phone as a tel: link
// (Kommo's multitext field coded PHONE; the link built with a fixed scheme, never from the raw text).
import { entityName, valueToText } from '@/kommo/custom-field-value-data';
import type { Contact } from '@/kommo/contact-schema';
import type { Lead } from '@/kommo/lead-schema';
import { contactHref } from '@/features/leads-table/panel/contact-channel';

export type MainContactLine = { id: number; name: string | null; phone: string | null; href: string | null };

/** The lead's main contact (`is_main`, else the first linked), or null when it has none. */
export function mainContactLine(lead: Lead, contacts: ReadonlyMap<number, Contact>): MainContactLine | null {
  const links = lead._embedded.contacts ?? [];
  const link = links.find((c) => c.is_main) ?? links[0];
  if (!link) return null;
  const contact = contacts.get(link.id);
  if (!contact) return { id: link.id, name: null, phone: null, href: null };
  const phones = contact.custom_fields_values
    .filter((f) => f.field_code === 'PHONE')
    .flatMap((f) => f.values.map((v) => valueToText(v.value).trim()))
    .filter(Boolean);
  // The first phone that can be dialled; one that cannot is still shown, as text.
  const dialable = phones.find((p) => contactHref('phone', p) !== null);
  const phone = dialable ?? phones[0] ?? null;
  return { id: link.id, name: entityName(contact), phone, href: dialable ? contactHref('phone', dialable) : null };
}
