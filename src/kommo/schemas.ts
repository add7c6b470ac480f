// Zod schemas for every Kommo API v4 response the product reads (see shared/kommo-api.md).
// Lenient on unknown fields (looseObject), exact on what the product uses. Types come from here.
import { z } from 'zod';

/** Kommo documents some integers as strings in places (score, labor_cost, closed_at...): accept both. */
const looseInt = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((v) => (typeof v === 'number' ? v : Number(v)));
const nullableInt = looseInt.nullable().optional().transform((v) => v ?? null);

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
  color: z.string().nullable().optional().transform((v) => v ?? null),
});
export type Tag = z.infer<typeof tagSchema>;

export const enumValueSchema = z.looseObject({
  value: z.unknown(),
  enum_id: z.number().nullable().optional(),
  enum_code: z.string().nullable().optional(),
});

export const customFieldValueSchema = z.looseObject({
  field_id: z.number(),
  field_name: z.string().nullable().optional(),
  field_code: z.string().nullable().optional(),
  field_type: z.string().nullable().optional(),
  values: z.array(enumValueSchema).nullable().transform((v) => v ?? []),
});
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;
const customFieldValuesSchema = z
  .array(customFieldValueSchema)
  .nullable()
  .optional()
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
      .looseObject({ quantity: looseInt.nullable().optional(), catalog_id: z.number().nullable().optional() })
      .nullable()
      .optional(),
    quantity: looseInt.nullable().optional(),
    catalog_id: z.number().nullable().optional(),
  })
  .transform((e) => ({
    id: e.id,
    quantity: e.metadata?.quantity ?? e.quantity ?? null,
    catalog_id: e.metadata?.catalog_id ?? e.catalog_id ?? null,
  }));
export type CatalogElementLink = z.infer<typeof catalogElementLinkSchema>;

export const leadEmbeddedSchema = z.looseObject({
  tags: z.array(tagSchema).nullable().optional().transform((v) => v ?? []),
  companies: z.array(z.looseObject({ id: z.number() })).nullable().optional().transform((v) => v ?? []),
  contacts: z
    .array(z.looseObject({ id: z.number(), is_main: z.boolean().nullable().optional().transform((v) => v ?? false) }))
    .optional(),
  // kommo-api.md: an array; the seed: an object. Normalised to an array.
  loss_reason: z
    .union([z.array(lossReasonSchema), lossReasonSchema])
    .nullable()
    .optional()
    .transform((v) => (v == null ? undefined : Array.isArray(v) ? v : [v])),
  catalog_elements: z.array(catalogElementLinkSchema).optional(),
});

export const leadSchema = z.looseObject({
  id: z.number(),
  name: z.string().nullable().optional().transform((v) => v ?? null),
  price: nullableInt,
  responsible_user_id: nullableInt,
  group_id: nullableInt,
  status_id: nullableInt,
  pipeline_id: nullableInt,
  loss_reason_id: nullableInt,
  source_id: nullableInt,
  created_by: nullableInt,
  updated_by: nullableInt,
  created_at: nullableInt,
  updated_at: looseInt,
  closed_at: nullableInt,
  closest_task_at: nullableInt,
  is_deleted: z.boolean().optional(),
  custom_fields_values: customFieldValuesSchema,
  score: nullableInt,
  account_id: nullableInt,
  labor_cost: nullableInt,
  is_price_modified_by_robot: z.boolean().nullable().optional().transform((v) => v ?? null),
  _embedded: leadEmbeddedSchema.nullable().optional().transform((v) => v ?? leadEmbeddedSchema.parse({})),
});
export type Lead = z.infer<typeof leadSchema>;
/** What the demo account serves: the wire shape, before normalisation. */
export type LeadWire = z.input<typeof leadSchema>;

export const leadsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ leads: z.array(leadSchema) }),
});
export type LeadsPage = z.infer<typeof leadsPageSchema>;

export const datetimeSettingsSchema = z.looseObject({
  timezone: z.string(),
  timezone_offset: z.string().optional(),
  date_format: z.string().optional(),
  time_format: z.string().optional(),
  date_pattern: z.string().optional(),
});

export const accountSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  subdomain: z.string(),
  currency: z.string(),
  currency_symbol: z.string().nullable().optional(),
  /** The user whose token or session reads the API (top level; amocrm-api-php AccountModel::fromArray). A bad value is dropped, not fatal. */
  current_user_id: z.number().int().nonnegative().optional().catch(undefined),
  country: z.string().nullable().optional(),
  contact_name_display_order: z.number().optional(),
  is_api_filter_enabled: z.boolean().optional(),
  datetime_settings: datetimeSettingsSchema.optional(),
});
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
  _embedded: z.looseObject({ statuses: z.array(statusSchema) }),
});
export type Pipeline = z.infer<typeof pipelineSchema>;

export const pipelinesResponseSchema = z.looseObject({
  _total_items: z.number().optional(),
  _embedded: z.looseObject({ pipelines: z.array(pipelineSchema) }),
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
    .optional(),
});
export type User = z.infer<typeof userSchema>;
export const groupSchema = z.looseObject({ id: z.number(), name: z.string() });
export type Group = z.infer<typeof groupSchema>;

export const usersPageSchema = z.looseObject({
  _total_items: z.number().optional(),
  _page: z.number().optional(),
  _page_count: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({
    users: z.array(userSchema),
    groups: z.array(groupSchema).optional(),
  }),
});

export const contactSchema = z.looseObject({
  id: z.number(),
  name: z.string().nullable().optional().transform((v) => v ?? null),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  responsible_user_id: z.number().nullable().optional(),
  custom_fields_values: customFieldValuesSchema,
});
export type Contact = z.infer<typeof contactSchema>;
export const contactsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ contacts: z.array(contactSchema) }),
});

export const companySchema = contactSchema;
export type Company = z.infer<typeof companySchema>;
export const companiesPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ companies: z.array(companySchema) }),
});

export const customFieldTypeSchema = z.string();
export const customFieldDefinitionSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  code: z.string().nullable().optional(),
  sort: z.number().optional(),
  type: customFieldTypeSchema,
  enums: z
    .array(z.looseObject({ id: z.number(), value: z.string(), sort: z.number().optional() }))
    .nullable()
    .optional()
    .transform((v) => v ?? []),
});
export type CustomFieldDefinition = z.infer<typeof customFieldDefinitionSchema>;
export const customFieldsPageSchema = z.looseObject({
  _total_items: z.number().optional(),
  _page: z.number().optional(),
  _page_count: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ custom_fields: z.array(customFieldDefinitionSchema) }),
});

export const lossReasonsResponseSchema = z.looseObject({
  _total_items: z.number().optional(),
  _embedded: z.looseObject({ loss_reasons: z.array(lossReasonSchema) }),
});

export const tagsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ tags: z.array(tagSchema) }),
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
  _embedded: z.looseObject({ catalogs: z.array(catalogSchema) }),
});

export const catalogElementSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  catalog_id: z.number(),
  custom_fields_values: customFieldValuesSchema,
});
export type CatalogElement = z.infer<typeof catalogElementSchema>;
export const catalogElementsPageSchema = z.looseObject({
  _page: z.number().optional(),
  _links: linksSchema.optional().transform((v) => v ?? {}),
  _embedded: z.looseObject({ elements: z.array(catalogElementSchema) }),
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
  _embedded: z.looseObject({ sources: z.array(sourceSchema) }),
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
