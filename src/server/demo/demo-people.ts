// Contacts and companies, generated on demand from (seed, id): a lead stores only their ids, and
// /contacts and /companies rebuild the same entity every time.
import type * as z from 'zod/mini';
import type { companySchema, contactSchema } from '@/kommo/contact-schema';
import { createRandom, mixSeed, type Random } from './prng';
import { DAY, DEMO_REFERENCE_TIME } from './demo-time';
import { COMPANY_HEADS, COMPANY_TAILS, DEMO_LANGUAGES, FIRST_NAMES, LAST_NAMES, STREETS, type DemoLanguage } from './demo-vocabulary';
import { DEMO_ACCOUNT_ID } from './demo-reference';

export type ContactWire = z.input<typeof contactSchema>;
export type CompanyWire = z.input<typeof companySchema>;

export const FIRST_CONTACT_ID = 20_000_001;
export const FIRST_COMPANY_ID = 40_000_001;

export const PHONE_FIELD = {
  id: 1_010_001,
  code: 'PHONE',
  enums: { WORK: 1_020_001, WORKDD: 1_020_002, MOB: 1_020_003, HOME: 1_020_004, OTHER: 1_020_005 },
} as const;
export const EMAIL_FIELD = { id: 1_010_003, code: 'EMAIL', enums: { WORK: 1_020_011, PRIV: 1_020_012, OTHER: 1_020_013 } } as const;
const POSITION_FIELD_ID = 1_010_005;
const WEB_FIELD_ID = 1_010_007;
const ADDRESS_FIELD_ID = 1_010_009;

const PHONE_PREFIX: Record<DemoLanguage, string> = { en: '+1 415 555', es: '+34 91 555', pt: '+55 11 9' };

export type PersonOwner = { userIds: readonly number[]; groupOf: (userId: number) => number };

function phone(r: Random, lang: DemoLanguage): string {
  return `${PHONE_PREFIX[lang]}${lang === 'pt' ? r.int(1000, 9999) : ''}-${String(r.int(0, 9999)).padStart(4, '0')}`;
}

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function timestamps(r: Random) {
  const created = DEMO_REFERENCE_TIME - r.int(30, 760) * DAY - r.int(0, DAY);
  return { created_at: created, updated_at: Math.min(DEMO_REFERENCE_TIME, created + r.int(0, 200) * DAY) };
}

/** Company name and language from the id alone, so lead names can mention their company. */
export function companyIdentity(seed: number, id: number): { name: string; lang: DemoLanguage } {
  const r = createRandom(mixSeed(seed, 2, id));
  const lang = r.pick(DEMO_LANGUAGES);
  return { lang, name: `${r.pick(COMPANY_HEADS[lang])} ${r.pick(COMPANY_TAILS[lang])}` };
}

export function createCompany(seed: number, id: number, owner: PersonOwner): CompanyWire {
  const { name, lang } = companyIdentity(seed, id);
  const r = createRandom(mixSeed(seed, 4, id));
  const responsible = r.pick(owner.userIds);
  const domain = `${ascii(name).slice(0, 20)}.example`;
  return {
    id,
    name,
    responsible_user_id: responsible,
    group_id: owner.groupOf(responsible),
    created_by: responsible,
    updated_by: responsible,
    ...timestamps(r),
    closest_task_at: null,
    custom_fields_values: [
      {
        field_id: PHONE_FIELD.id,
        field_name: 'Phone',
        field_code: 'PHONE',
        field_type: 'multitext',
        values: [{ value: phone(r, lang), enum_id: PHONE_FIELD.enums.WORK, enum_code: 'WORK' }],
      },
      { field_id: WEB_FIELD_ID, field_name: 'Web', field_code: 'WEB', field_type: 'url', values: [{ value: `https://${domain}/` }] },
      {
        field_id: ADDRESS_FIELD_ID,
        field_name: 'Address',
        field_code: 'ADDRESS',
        field_type: 'textarea',
        values: [{ value: r.pick(STREETS[lang]) }],
      },
    ],
    account_id: DEMO_ACCOUNT_ID,
    _links: { self: { href: `/api/v4/companies/${id}` } },
    _embedded: { tags: [] },
  };
}

export function createContact(seed: number, id: number, owner: PersonOwner): ContactWire {
  const r = createRandom(mixSeed(seed, 5, id));
  const lang = r.pick(DEMO_LANGUAGES);
  const first = r.pick(FIRST_NAMES[lang]);
  const last = r.pick(LAST_NAMES[lang]);
  const responsible = r.pick(owner.userIds);
  const phones: { value: string; enum_id: number; enum_code: string }[] = [
    { value: phone(r, lang), enum_id: PHONE_FIELD.enums.MOB, enum_code: 'MOB' },
  ];
  if (r.chance(0.4)) phones.push({ value: phone(r, lang), enum_id: PHONE_FIELD.enums.WORK, enum_code: 'WORK' });
  const emailCount = r.weighted([0, 1, 2], [1, 6, 2]);
  const emails = Array.from({ length: emailCount }, (_, i) => ({
    value: `${ascii(first)}.${ascii(last)}${i === 0 ? '' : id % 100}@${i === 0 ? 'work' : 'mail'}.example`,
    enum_id: i === 0 ? EMAIL_FIELD.enums.WORK : EMAIL_FIELD.enums.PRIV,
    enum_code: i === 0 ? 'WORK' : 'PRIV',
  }));
  const fields: ContactWire['custom_fields_values'] = [
    { field_id: PHONE_FIELD.id, field_name: 'Phone', field_code: 'PHONE', field_type: 'multitext', values: phones },
  ];
  if (emails.length > 0) fields.push({ field_id: EMAIL_FIELD.id, field_name: 'Email', field_code: 'EMAIL', field_type: 'multitext', values: emails });
  if (r.chance(0.5)) {
    fields.push({
      field_id: POSITION_FIELD_ID,
      field_name: 'Position',
      field_code: 'POSITION',
      field_type: 'text',
      values: [{ value: r.pick(['CEO', 'Buyer', 'Gerente', 'Diretora', 'Office manager']) }],
    });
  }
  // One contact in 40 was saved from a phone number alone: Kommo sends its names empty (docs: first_name "").
  const unnamed = id % 40 === 7;
  return {
    id,
    name: unnamed ? '' : `${first} ${last}`,
    first_name: unnamed ? '' : first,
    last_name: unnamed ? '' : last,
    responsible_user_id: responsible,
    group_id: owner.groupOf(responsible),
    created_by: responsible,
    updated_by: responsible,
    ...timestamps(r),
    closest_task_at: null,
    custom_fields_values: fields,
    account_id: DEMO_ACCOUNT_ID,
    _links: { self: { href: `/api/v4/contacts/${id}` } },
    _embedded: { tags: [], companies: [] },
  };
}
