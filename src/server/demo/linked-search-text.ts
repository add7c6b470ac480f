// What the demo's `query` finds besides a lead's own fields: the names, phones and e-mails of its
// contacts and company. The reference says only "Searches through the filled fields of the entity";
// Kommo's lead search in the app finds leads by a contact's name, phone or e-mail, and public
// integrations call `GET /api/v4/leads?query=<phone>&with=contacts` to find a client's lead by phone
// (see README "Search"): indirect evidence, not a documented guarantee.
import { customFieldSearchText } from './demo-custom-fields';
import type { DemoData } from './demo-data';
import type { LinkedText } from './leads-search';

type Entity = { name?: string | null; custom_fields_values?: Parameters<typeof customFieldSearchText>[0] } | null;

/** Contacts and companies are generated on demand: their text is made once each, on the first search that needs it. */
export function createLinkedText(data: Pick<DemoData, 'contact' | 'company'>): LinkedText {
  const cache = new Map<string, string>();
  const textOf = (key: string, entity: () => Entity) => {
    let text = cache.get(key);
    if (text === undefined) {
      const e = entity();
      text = e ? `${e.name ?? ''}\n${customFieldSearchText(e.custom_fields_values ?? null)}`.toLowerCase() : '';
      cache.set(key, text);
    }
    return text;
  };
  return (lead) => {
    const parts = lead.contactIds.map((id) => textOf(`contact:${id}`, () => data.contact(id)));
    const companyId = lead.companyId;
    if (companyId !== null) parts.push(textOf(`company:${companyId}`, () => data.company(companyId)));
    return parts.join('\n');
  };
}
