// Contacts and companies (/api/v4/contacts, /api/v4/companies): one shape for both.
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { customFieldValuesSchema } from './custom-field-schema';
import { lenientArray, pagingFields } from './schema-primitives';

export const contactSchema = z.looseObject({
  id: z.number(),
  name: z.pipe(
    z.optional(z.nullable(z.string())),
    z.transform((v) => v ?? null),
  ),
  first_name: z.optional(z.nullable(z.string())),
  last_name: z.optional(z.nullable(z.string())),
  responsible_user_id: z.optional(z.nullable(z.number())),
  custom_fields_values: customFieldValuesSchema,
});

export type Contact = z.infer<typeof contactSchema>;

export const contactsPageSchema = z.looseObject({
  ...pagingFields,
  _embedded: z.looseObject({ contacts: lenientArray(contactSchema) }),
});

export const companySchema = contactSchema;

export type Company = z.infer<typeof companySchema>;

export const companiesPageSchema = z.looseObject({
  ...pagingFields,
  _embedded: z.looseObject({ companies: lenientArray(companySchema) }),
});
