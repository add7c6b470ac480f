// Zod schemas for every Kommo API v4 response the product reads (see shared/kommo-api.md).
// Lenient on unknown fields (looseObject), exact on what the product uses. Types come from here.
import { z } from 'zod';
import { valueToText } from './custom-field-value-data';
import { parseLeniently } from './lenient-parse';

/** Kommo documents some integers as strings in places (score, labor_cost, closed_at...): accept both. */
const looseInt = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => (typeof v === 'number' ? v : Number(v)));
const nullableInt = looseInt
  .nullable()
  .optional()
  .transform((v) => v ?? null);
/** Ids and dates where Kommo sends 0 for "none" (`loss_reason_id: 0`, `closed_at: 0`): read as null. */
const zeroAsNull = looseInt
  .nullable()
  .optional()
  .transform((v) => (v === 0 || v == null ? null : v));

/**
 * A CSS colour from Kommo's hex code: tags send `"DDEBB5"` (no `#`), stages `"#fffeb2"`. Anything
 * that is not a 3/6/8-digit hex code is dropped rather than handed to a style attribute.
 */
export function hexColor(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const hex = value.trim().replace(/^#/, '');
  return /^([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex) ? `#${hex.toLowerCase()}` : null;
}

export const linkSchema = z.looseObject({ href: z.string() });
export const linksSchema = z.looseObject({
  self: linkSchema.optional(),
  next: linkSchema.optional(),
  prev: linkSchema.optional(),
  first: linkSchema.optional(),
});
export type Links = z.infer<typeof linksSchema>;

export const tagSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  color: z.string().nullable().optional().transform(hexColor),
});
export type Tag = z.infer<typeof tagSchema>;

/**
 * One item of a custom field's `values`. Most carry `value`; `chained_list` items carry
 * `{catalog_id, catalog_element_id}` and no `value` (amocrm-api-php ChainedListCustomFieldValueModel).
 * A bare string or number is read as its value; anything else becomes an item flagged `unreadable`,
 * so one odd value never fails the page it came in.
 */
/** An object value with no text the app can show (file, legal_entity... carry names; an unknown shape may not). */
function hasUnreadableValue(item: object): boolean {
  const value = (item as { value?: unknown }).value;
  return value !== null && typeof value === 'object' && valueToText(value) === '';
}

const enumValueObjectSchema = z.looseObject({
  value: z.unknown().optional(),
  enum_id: z.number().nullable().optional().catch(null),
  enum_code: z.string().nullable().optional().catch(null),
  catalog_id: z.number().nullable().optional().catch(null),
  catalog_element_id: z.number().nullable().optional().catch(null),
  unreadable: z.literal(true).optional(),
});
// Typed by its object form: the preprocess only widens what it accepts.
export const enumValueSchema = z.preprocess(
  (item) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? hasUnreadableValue(item)
        ? { ...item, unreadable: true }
        : item
      : typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean'
        ? { value: item }
        : { unreadable: true },
  enumValueObjectSchema,
) as unknown as z.ZodType<z.output<typeof enumValueObjectSchema>, z.input<typeof enumValueObjectSchema>>;
export type EnumValue = z.infer<typeof enumValueSchema>;

export const customFieldValueSchema = z.looseObject({
  field_id: z.number(),
  field_name: z.string().nullable().optional(),
  field_code: z.string().nullable().optional(),
  field_type: z.string().nullable().optional(),
  values: z
    .array(enumValueSchema)
    .nullable()
    .optional()
    .catch([{ unreadable: true }])
    .transform((v) => v ?? []),
});
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;
/** A field whose own keys are unreadable (no numeric field_id) is kept as one unreadable value of field 0. */
const customFieldValuesSchema = z
  .array(customFieldValueSchema.catch({ field_id: 0, values: [{ unreadable: true }] }))
  .nullable()
  .optional()
  .catch([])
  .transform((v) => v ?? []);

export const lossReasonSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.number().optional(),
  created_at: z.number().optional(),
  updated_at: z.number().optional(),
});
export type LossReason = z.infer<typeof lossReasonSchema>;

/** The seed lists quantity/catalog_id on the element, real responses nest them in metadata: accept both. */
export const catalogElementLinkSchema = z
  .looseObject({
    id: z.number(),
    metadata: z
      .looseObject({
        quantity: looseInt.nullable().optional(),
        catalog_id: z.number().nullable().optional(),
        // The element's price field to use (amocrm-api-php CatalogElementModel: metadata.price_id).
        price_id: z.number().nullable().optional(),
      })
      .nullable()
      .optional(),
    quantity: looseInt.nullable().optional(),
    catalog_id: z.number().nullable().optional(),
  })
  .transform((e) => ({
    id: e.id,
    quantity: e.metadata?.quantity ?? e.quantity ?? null,
    catalog_id: e.metadata?.catalog_id ?? e.catalog_id ?? null,
    price_id: e.metadata?.price_id ?? null,
  }));
export type CatalogElementLink = z.infer<typeof catalogElementLinkSchema>;

export const leadEmbeddedSchema = z.looseObject({
  tags: z
    .array(tagSchema)
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  companies: z
    .array(z.looseObject({ id: z.number() }))
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  contacts: z
    .array(
      z.looseObject({
        id: z.number(),
        is_main: z
          .boolean()
          .nullable()
          .optional()
          .transform((v) => v ?? false),
      }),
    )
    .optional(),
  // kommo-api.md: an array; the seed: an object. Normalised to an array.
  loss_reason: z
    .union([z.array(lossReasonSchema), lossReasonSchema])
    .nullable()
    .optional()
    .transform((v) => (v == null ? undefined : Array.isArray(v) ? v : [v])),
  catalog_elements: z.array(catalogElementLinkSchema).optional(),
  // with=source: the lead's source with its name.
  source: z
    .looseObject({ id: z.number(), name: z.string().nullable().optional() })
    .nullable()
    .optional()
    .catch(null)
    .transform((v) => (v ? { id: v.id, name: v.name ?? null } : null)),
});

export const leadSchema = z
  .looseObject({
    id: z.number(),
    name: z
      .string()
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    price: nullableInt,
    // The price with its fraction (amocrm-api-php LeadModel prefers it to `price`, as a float).
    price_with_minor_units: z.number().nullable().optional(),
    responsible_user_id: nullableInt,
    group_id: nullableInt,
    status_id: nullableInt,
    pipeline_id: nullableInt,
    loss_reason_id: zeroAsNull,
    source_id: zeroAsNull,
    created_by: nullableInt,
    updated_by: nullableInt,
    created_at: nullableInt,
    updated_at: looseInt,
    closed_at: zeroAsNull,
    closest_task_at: zeroAsNull,
    is_deleted: z
      .boolean()
      .nullable()
      .optional()
      .transform((v) => v ?? undefined),
    custom_fields_values: customFieldValuesSchema,
    score: nullableInt,
    account_id: nullableInt,
    labor_cost: nullableInt,
    is_price_modified_by_robot: z
      .boolean()
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    _embedded: leadEmbeddedSchema
      .nullable()
      .optional()
      .transform((v) => v ?? leadEmbeddedSchema.parse({})),
  })
  .transform((lead) => ({
    ...lead,
    price: lead.price_with_minor_units ?? lead.price,
    /** Values of this lead the app could not read (shown as a neutral mark, counted in the status line). */
    unreadable: countUnreadable(lead.custom_fields_values),
  }));
export type Lead = z.infer<typeof leadSchema>;
/** What the demo account serves: the wire shape, before normalisation. */
export type LeadWire = z.input<typeof leadSchema>;

function countUnreadable(fields: readonly CustomFieldValue[]): number {
  let n = 0;
  for (const field of fields) for (const item of field.values) if (item.unreadable) n += 1;
  return n;
}

/**
 * A list whose items are read one by one: an item that does not fit is repaired (see
 * lenient-parse.ts) or, when even its id is unreadable, left out; the list itself never fails.
 */
export function lenientArray<S extends z.ZodType>(
  item: S,
  onRepaired?: (value: z.output<S>, repaired: number) => z.output<S>,
): z.ZodType<z.output<S>[], z.input<S>[]> {
  const list = z.array(z.unknown()).transform((items) => {
    const out: z.output<S>[] = [];
    for (const raw of items) {
      const result = parseLeniently(item, raw);
      if (result === null) continue;
      out.push(result.repaired > 0 && onRepaired ? onRepaired(result.data, result.repaired) : result.data);
    }
    return out;
  });
  // Typed by its items: the wire shape the demo account writes is the items' input.
  return list as unknown as z.ZodType<z.output<S>[], z.input<S>[]>;
}

export const leadsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({
    leads: lenientArray(leadSchema, (lead, repaired) => ({ ...lead, unreadable: lead.unreadable + repaired })),
  }),
});
export type LeadsPage = z.infer<typeof leadsPageSchema>;

export const datetimeSettingsSchema = z.looseObject({
  timezone: z.string().optional(),
  timezone_offset: z.string().optional(),
  date_format: z.string().optional(),
  time_format: z.string().optional(),
  date_pattern: z.string().optional(),
});

export const groupSchema = z.looseObject({ id: z.number(), name: z.string() });
export type Group = z.infer<typeof groupSchema>;

/**
 * `/account`: `datetime_settings` and `users_groups` (with=...) come under `_embedded` (Kommo's docs,
 * amocrm-api-php AccountModel); both are lifted to the top. `currency` is missing from the docs'
 * example: null, and money shows as a plain number.
 */
export const accountSchema = z
  .looseObject({
    id: z.number(),
    name: z.string(),
    subdomain: z.string(),
    /** The user whose token or session reads the API (top level; amocrm-api-php AccountModel::fromArray). A bad value is dropped, not fatal. */
    current_user_id: z.number().int().nonnegative().optional().catch(undefined),
    currency: z.string().nullable().optional().catch(null),
    currency_symbol: z.string().nullable().optional().catch(null),
    country: z.string().nullable().optional().catch(null),
    contact_name_display_order: z.number().optional().catch(undefined),
    is_api_filter_enabled: z.boolean().optional().catch(undefined),
    // Never seen at the top level in a real body; read in case an older proxy or fixture puts it there.
    datetime_settings: datetimeSettingsSchema.optional().catch(undefined),
    _embedded: z
      .looseObject({
        datetime_settings: datetimeSettingsSchema.optional().catch(undefined),
        users_groups: lenientArray(groupSchema).optional().catch(undefined),
      })
      .optional()
      .catch(undefined),
  })
  .transform(({ _embedded, ...account }) => ({
    ...account,
    currency: account.currency || null,
    datetime_settings: _embedded?.datetime_settings ?? account.datetime_settings,
    /** The account's user groups; group 0 is the main one. */
    users_groups: _embedded?.users_groups ?? [],
  }));
export type Account = z.infer<typeof accountSchema>;

export const statusSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  color: z.string(),
  type: z.number(),
  pipeline_id: z.number(),
  is_editable: z.boolean().optional(),
});
export type Status = z.infer<typeof statusSchema>;

export const pipelineSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  is_main: z.boolean(),
  is_archive: z.boolean().optional(),
  _embedded: z.looseObject({ statuses: lenientArray(statusSchema) }),
});
export type Pipeline = z.infer<typeof pipelineSchema>;

export const pipelinesResponseSchema = z.looseObject({
  _total_items: z.number().optional(),
  _embedded: z.looseObject({ pipelines: lenientArray(pipelineSchema) }),
});

export const userSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  email: z.string().nullable().optional(),
  lang: z.string().nullable().optional(),
  rights: z
    .looseObject({
      is_active: z.boolean(),
      is_admin: z.boolean().optional(),
      group_id: z.number().nullable().optional(),
    })
    .optional()
    .catch(undefined),
  // with=group: each user's own groups (Kommo has no collection-level list on /users).
  _embedded: z
    .looseObject({ groups: lenientArray(groupSchema).optional() })
    .optional()
    .catch(undefined),
});
export type User = z.infer<typeof userSchema>;

export const usersPageSchema = z.looseObject({
  _total_items: z.number().optional(),
  _page: z.number().optional(),
  _page_count: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({
    users: lenientArray(userSchema),
    // Not in Kommo's bodies (groups are per user); read in case an older proxy or fixture sends it.
    groups: lenientArray(groupSchema).optional().catch(undefined),
  }),
});

export const contactSchema = z.looseObject({
  id: z.number(),
  name: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  responsible_user_id: z.number().nullable().optional(),
  custom_fields_values: customFieldValuesSchema,
});
export type Contact = z.infer<typeof contactSchema>;
export const contactsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ contacts: lenientArray(contactSchema) }),
});

export const companySchema = contactSchema;
export type Company = z.infer<typeof companySchema>;
export const companiesPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ companies: lenientArray(companySchema) }),
});

export const customFieldTypeSchema = z.string();
export const customFieldDefinitionSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  code: z.string().nullable().optional(),
  sort: z.number().optional(),
  type: customFieldTypeSchema,
  enums: lenientArray(z.looseObject({ id: z.number(), value: z.string(), sort: z.number().optional() }))
    .nullable()
    .optional()
    .catch(null)
    .transform((v) => v ?? []),
});
export type CustomFieldDefinition = z.infer<typeof customFieldDefinitionSchema>;
export const customFieldsPageSchema = z.looseObject({
  _total_items: z.number().optional(),
  _page: z.number().optional(),
  _page_count: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ custom_fields: lenientArray(customFieldDefinitionSchema) }),
});

export const lossReasonsResponseSchema = z.looseObject({
  _total_items: z.number().optional(),
  _embedded: z.looseObject({ loss_reasons: lenientArray(lossReasonSchema) }),
});

export const tagsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ tags: lenientArray(tagSchema) }),
});

export const catalogSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  sort: z.number().optional(),
  can_add_elements: z.boolean().optional(),
});
export type Catalog = z.infer<typeof catalogSchema>;
export const catalogsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ catalogs: lenientArray(catalogSchema) }),
});

export const catalogElementSchema = z.looseObject({
  id: z.number(),
  name: z
    .string()
    .nullable()
    .optional()
    .catch(null)
    .transform((v) => v ?? ''),
  catalog_id: z.number(),
  custom_fields_values: customFieldValuesSchema,
});
export type CatalogElement = z.infer<typeof catalogElementSchema>;
export const catalogElementsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ elements: lenientArray(catalogElementSchema) }),
});

export const sourceSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  pipeline_id: z.number().nullable().optional(),
  external_id: z.string().nullable().optional(),
});
export type Source = z.infer<typeof sourceSchema>;
export const sourcesResponseSchema = z.looseObject({
  _total_items: z.number().optional(),
  _embedded: z.looseObject({ sources: lenientArray(sourceSchema) }),
});

/** application/problem+json, as Kommo sends it. */
export const problemSchema = z.looseObject({
  title: z.string().optional(),
  type: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  trace_id: z.string().optional(),
  retry_after: z.number().optional(),
  'validation-errors': z
    .array(
      z.looseObject({
        request_id: z.string().optional(),
        errors: z.array(z.looseObject({ code: z.string(), path: z.string(), detail: z.string() })),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;
