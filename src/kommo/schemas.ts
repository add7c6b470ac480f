// Zod schemas for every Kommo API v4 response the product reads (see shared/kommo-api.md).
// Lenient on unknown fields (looseObject), exact on what the product uses. Types come from here.
// zod/mini (functional API, tree-shakable): these schemas ship in the first bundle, and classic zod's
// methods cost about 18 KB gzipped there. Same core, so issues, paths and inferred types are the same.
import * as z from 'zod/mini';
import { valueToText } from './custom-field-value-data';
import { parseLeniently } from './lenient-parse';

/** Kommo documents some integers as strings in places (score, labor_cost, closed_at...): accept both. */
const looseInt = z.pipe(
  z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/))]),
  z.transform((v) => (typeof v === 'number' ? v : Number(v))),
);
const nullableInt = z.pipe(
  z.optional(z.nullable(looseInt)),
  z.transform((v) => v ?? null),
);
/** Ids and dates where Kommo sends 0 for "none" (`loss_reason_id: 0`, `closed_at: 0`): read as null. */
const zeroAsNull = z.pipe(
  z.optional(z.nullable(looseInt)),
  z.transform((v) => (v === 0 || v == null ? null : v)),
);

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
  self: z.optional(linkSchema),
  next: z.optional(linkSchema),
  prev: z.optional(linkSchema),
  first: z.optional(linkSchema),
});
export type Links = z.infer<typeof linksSchema>;

export const tagSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  color: z.pipe(z.optional(z.nullable(z.string())), z.transform(hexColor)),
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
  value: z.optional(z.unknown()),
  enum_id: z.catch(z.optional(z.nullable(z.number())), null),
  enum_code: z.catch(z.optional(z.nullable(z.string())), null),
  catalog_id: z.catch(z.optional(z.nullable(z.number())), null),
  catalog_element_id: z.catch(z.optional(z.nullable(z.number())), null),
  unreadable: z.optional(z.literal(true)),
});
// Typed by its object form: the preprocess only widens what it accepts.
export const enumValueSchema = z.pipe(
  z.transform((item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? hasUnreadableValue(item)
        ? { ...item, unreadable: true }
        : item
      : typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean'
        ? { value: item }
        : { unreadable: true },
  ),
  enumValueObjectSchema,
) as unknown as z.ZodMiniType<z.output<typeof enumValueObjectSchema>, z.input<typeof enumValueObjectSchema>>;
export type EnumValue = z.infer<typeof enumValueSchema>;

export const customFieldValueSchema = z.looseObject({
  field_id: z.number(),
  field_name: z.optional(z.nullable(z.string())),
  field_code: z.optional(z.nullable(z.string())),
  field_type: z.optional(z.nullable(z.string())),
  values: z.pipe(
    z.catch(z.optional(z.nullable(z.array(enumValueSchema))), [{ unreadable: true }]),
    z.transform((v) => v ?? []),
  ),
});
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;
/** A field whose own keys are unreadable (no numeric field_id) is kept as one unreadable value of field 0. */
const customFieldValuesSchema = z.pipe(
  z.catch(z.optional(z.nullable(z.array(z.catch(customFieldValueSchema, { field_id: 0, values: [{ unreadable: true }] })))), []),
  z.transform((v) => v ?? []),
);

export const lossReasonSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.optional(z.number()),
  created_at: z.optional(z.number()),
  updated_at: z.optional(z.number()),
});
export type LossReason = z.infer<typeof lossReasonSchema>;

/** The seed lists quantity/catalog_id on the element, real responses nest them in metadata: accept both. */
export const catalogElementLinkSchema = z.pipe(
  z.looseObject({
    id: z.number(),
    metadata: z.optional(
      z.nullable(
        z.looseObject({
          quantity: z.optional(z.nullable(looseInt)),
          catalog_id: z.optional(z.nullable(z.number())),
          // The element's price field to use (amocrm-api-php CatalogElementModel: metadata.price_id).
          price_id: z.optional(z.nullable(z.number())),
        }),
      ),
    ),
    quantity: z.optional(z.nullable(looseInt)),
    catalog_id: z.optional(z.nullable(z.number())),
  }),
  z.transform((e) => ({
    id: e.id,
    quantity: e.metadata?.quantity ?? e.quantity ?? null,
    catalog_id: e.metadata?.catalog_id ?? e.catalog_id ?? null,
    price_id: e.metadata?.price_id ?? null,
  })),
);
export type CatalogElementLink = z.infer<typeof catalogElementLinkSchema>;

export const leadEmbeddedSchema = z.looseObject({
  tags: z.pipe(
    z.optional(z.nullable(z.array(tagSchema))),
    z.transform((v) => v ?? []),
  ),
  companies: z.pipe(
    z.optional(z.nullable(z.array(z.looseObject({ id: z.number() })))),
    z.transform((v) => v ?? []),
  ),
  contacts: z.optional(
    z.array(
      z.looseObject({
        id: z.number(),
        is_main: z.pipe(
          z.optional(z.nullable(z.boolean())),
          z.transform((v) => v ?? false),
        ),
      }),
    ),
  ),
  // kommo-api.md: an array; the seed: an object. Normalised to an array.
  loss_reason: z.pipe(
    z.optional(z.nullable(z.union([z.array(lossReasonSchema), lossReasonSchema]))),
    z.transform((v) => (v == null ? undefined : Array.isArray(v) ? v : [v])),
  ),
  catalog_elements: z.optional(z.array(catalogElementLinkSchema)),
  // with=source: the lead's source with its name.
  source: z.pipe(
    z.catch(z.optional(z.nullable(z.looseObject({ id: z.number(), name: z.optional(z.nullable(z.string())) }))), null),
    z.transform((v) => (v ? { id: v.id, name: v.name ?? null } : null)),
  ),
});

export const leadSchema = z.pipe(
  z.looseObject({
    id: z.number(),
    name: z.pipe(
      z.optional(z.nullable(z.string())),
      z.transform((v) => v ?? null),
    ),
    price: nullableInt,
    // The price with its fraction (amocrm-api-php LeadModel prefers it to `price`, as a float).
    price_with_minor_units: z.optional(z.nullable(z.number())),
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
    is_deleted: z.pipe(
      z.optional(z.nullable(z.boolean())),
      z.transform((v) => v ?? undefined),
    ),
    custom_fields_values: customFieldValuesSchema,
    score: nullableInt,
    account_id: nullableInt,
    labor_cost: nullableInt,
    is_price_modified_by_robot: z.pipe(
      z.optional(z.nullable(z.boolean())),
      z.transform((v) => v ?? null),
    ),
    _embedded: z.pipe(
      z.optional(z.nullable(leadEmbeddedSchema)),
      z.transform((v) => v ?? leadEmbeddedSchema.parse({})),
    ),
  }),
  z.transform((lead) => ({
    ...lead,
    price: lead.price_with_minor_units ?? lead.price,
    /** Values of this lead the app could not read (shown as a neutral mark, counted in the status line). */
    unreadable: countUnreadable(lead.custom_fields_values),
  })),
);
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
export function lenientArray<S extends z.ZodMiniType>(
  item: S,
  onRepaired?: (value: z.output<S>, repaired: number) => z.output<S>,
): z.ZodMiniType<z.output<S>[], z.input<S>[]> {
  const list = z.pipe(
    z.array(z.unknown()),
    z.transform((items) => {
      const out: z.output<S>[] = [];
      for (const raw of items) {
        const result = parseLeniently(item, raw);
        if (result === null) continue;
        out.push(result.repaired > 0 && onRepaired ? onRepaired(result.data, result.repaired) : result.data);
      }
      return out;
    }),
  );
  // Typed by its items: the wire shape the demo account writes is the items' input.
  return list as unknown as z.ZodMiniType<z.output<S>[], z.input<S>[]>;
}

/** A paged list's own fields: the page and its links (no links on the last page: an empty object). */
const pagingFields = {
  _page: z.optional(z.number()),
  _links: z.pipe(
    z.optional(linksSchema),
    z.transform((v) => v ?? {}),
  ),
};

/** The same, for the lists that also count their items and pages (users, custom fields). */
const countedPagingFields = { _total_items: z.optional(z.number()), _page_count: z.optional(z.number()), ...pagingFields };

export const leadsPageSchema = z.looseObject({
  ...pagingFields,
  _embedded: z.looseObject({
    leads: lenientArray(leadSchema, (lead, repaired) => ({ ...lead, unreadable: lead.unreadable + repaired })),
  }),
});
export type LeadsPage = z.infer<typeof leadsPageSchema>;

export const datetimeSettingsSchema = z.looseObject({
  timezone: z.optional(z.string()),
  timezone_offset: z.optional(z.string()),
  date_format: z.optional(z.string()),
  /** The docs' example spells it so (amocrm-api-php DateTimeSettings::toArray writes the same key). */
  date_formant: z.catch(z.optional(z.string()), undefined),
  time_format: z.optional(z.string()),
  date_pattern: z.optional(z.string()),
  short_date_pattern: z.catch(z.optional(z.string()), undefined),
  short_time_pattern: z.catch(z.optional(z.string()), undefined),
});

export const groupSchema = z.looseObject({ id: z.number(), name: z.string() });
export type Group = z.infer<typeof groupSchema>;

/**
 * `/account`: `datetime_settings` and `users_groups` (with=...) come under `_embedded` (Kommo's docs,
 * amocrm-api-php AccountModel); both are lifted to the top. `currency` is missing from the docs'
 * example: null, and money shows as a plain number.
 */
export const accountSchema = z.pipe(
  z.looseObject({
    id: z.number(),
    name: z.string(),
    subdomain: z.string(),
    /** The user whose token or session reads the API (top level; amocrm-api-php AccountModel::fromArray). A bad value is dropped, not fatal. */
    current_user_id: z.catch(z.optional(z.number().check(z.int(), z.nonnegative())), undefined),
    currency: z.catch(z.optional(z.nullable(z.string())), null),
    currency_symbol: z.catch(z.optional(z.nullable(z.string())), null),
    country: z.catch(z.optional(z.nullable(z.string())), null),
    contact_name_display_order: z.catch(z.optional(z.number()), undefined),
    is_api_filter_enabled: z.catch(z.optional(z.boolean()), undefined),
    // Never seen at the top level in a real body; read in case an older proxy or fixture puts it there.
    datetime_settings: z.catch(z.optional(datetimeSettingsSchema), undefined),
    _embedded: z.catch(
      z.optional(
        z.looseObject({
          datetime_settings: z.catch(z.optional(datetimeSettingsSchema), undefined),
          users_groups: z.catch(z.optional(lenientArray(groupSchema)), undefined),
        }),
      ),
      undefined,
    ),
  }),
  z.transform(({ _embedded, ...account }) => ({
    ...account,
    currency: account.currency || null,
    datetime_settings: _embedded?.datetime_settings ?? account.datetime_settings,
    /** The account's user groups; group 0 is the main one. */
    users_groups: _embedded?.users_groups ?? [],
  })),
);
export type Account = z.infer<typeof accountSchema>;

export const statusSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  color: z.string(),
  type: z.number(),
  pipeline_id: z.number(),
  is_editable: z.optional(z.boolean()),
});
export type Status = z.infer<typeof statusSchema>;

export const pipelineSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.number(),
  is_main: z.boolean(),
  is_archive: z.optional(z.boolean()),
  _embedded: z.looseObject({ statuses: lenientArray(statusSchema) }),
});
export type Pipeline = z.infer<typeof pipelineSchema>;

export const pipelinesResponseSchema = z.looseObject({
  _total_items: z.optional(z.number()),
  _embedded: z.looseObject({ pipelines: lenientArray(pipelineSchema) }),
});

export const userSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  email: z.optional(z.nullable(z.string())),
  lang: z.optional(z.nullable(z.string())),
  rights: z.catch(
    z.optional(
      z.looseObject({
        is_active: z.boolean(),
        is_admin: z.optional(z.boolean()),
        group_id: z.optional(z.nullable(z.number())),
      }),
    ),
    undefined,
  ),
  // with=group: each user's own groups (Kommo has no collection-level list on /users).
  _embedded: z.catch(z.optional(z.looseObject({ groups: z.optional(lenientArray(groupSchema)) })), undefined),
});
export type User = z.infer<typeof userSchema>;

export const usersPageSchema = z.looseObject({
  ...countedPagingFields,
  _embedded: z.looseObject({
    users: lenientArray(userSchema),
    // Not in Kommo's bodies (groups are per user); read in case an older proxy or fixture sends it.
    groups: z.catch(z.optional(lenientArray(groupSchema)), undefined),
  }),
});

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

export const customFieldTypeSchema = z.string();
const fieldOptionSchema = z.looseObject({ id: z.number(), value: z.string(), sort: z.optional(z.number()) });
export type FieldOption = z.infer<typeof fieldOptionSchema>;

/**
 * A field's options as a list, whatever the shape: the docs' array; an object keyed by option id
 * (`{"123": {"value": …}}` or `{"123": "Label"}`, read leniently: no public body settles it); or a
 * catalog `category` field's `nested` tree (amoCRM docs, custom-fields PATCH response).
 */
function readOptions(raw: unknown): FieldOption[] {
  if (raw === null || raw === undefined) return [];
  const entries: unknown[] = Array.isArray(raw)
    ? raw
    : typeof raw === 'object'
      ? Object.entries(raw as Record<string, unknown>).map(([key, item]) =>
          typeof item === 'string'
            ? { id: Number(key), value: item }
            : typeof item === 'object' && item !== null
              ? { id: Number(key), ...item }
              : item,
        )
      : [];
  const out: FieldOption[] = [];
  for (const entry of entries) {
    const option = fieldOptionSchema.safeParse(entry);
    if (option.success) out.push(option.data);
  }
  return out;
}

export const customFieldDefinitionSchema = z.pipe(
  z.looseObject({
    id: z.number(),
    name: z.string(),
    code: z.optional(z.nullable(z.string())),
    sort: z.optional(z.number()),
    type: customFieldTypeSchema,
    enums: z.optional(z.unknown()),
    nested: z.optional(z.unknown()),
  }),
  z.transform(({ nested, ...field }) => ({ ...field, enums: [...readOptions(field.enums), ...readOptions(nested)] })),
);
export type CustomFieldDefinition = z.infer<typeof customFieldDefinitionSchema>;
export const customFieldsPageSchema = z.looseObject({
  ...countedPagingFields,
  _embedded: z.looseObject({ custom_fields: lenientArray(customFieldDefinitionSchema) }),
});

export const lossReasonsResponseSchema = z.looseObject({
  _total_items: z.optional(z.number()),
  _embedded: z.looseObject({ loss_reasons: lenientArray(lossReasonSchema) }),
});

export const tagsPageSchema = z.looseObject({
  ...pagingFields,
  _embedded: z.looseObject({ tags: lenientArray(tagSchema) }),
});

export const catalogSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  sort: z.optional(z.number()),
  can_add_elements: z.optional(z.boolean()),
});
export type Catalog = z.infer<typeof catalogSchema>;
export const catalogsPageSchema = z.looseObject({
  ...pagingFields,
  _embedded: z.looseObject({ catalogs: lenientArray(catalogSchema) }),
});

export const catalogElementSchema = z.looseObject({
  id: z.number(),
  name: z.pipe(
    z.catch(z.optional(z.nullable(z.string())), null),
    z.transform((v) => v ?? ''),
  ),
  catalog_id: z.number(),
  custom_fields_values: customFieldValuesSchema,
});
export type CatalogElement = z.infer<typeof catalogElementSchema>;
export const catalogElementsPageSchema = z.looseObject({
  ...pagingFields,
  _embedded: z.looseObject({ elements: lenientArray(catalogElementSchema) }),
});

export const sourceSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  pipeline_id: z.optional(z.nullable(z.number())),
  external_id: z.optional(z.nullable(z.string())),
});
export type Source = z.infer<typeof sourceSchema>;
export const sourcesResponseSchema = z.looseObject({
  _total_items: z.optional(z.number()),
  _embedded: z.looseObject({ sources: lenientArray(sourceSchema) }),
});

/** application/problem+json, as Kommo sends it. */
export const problemSchema = z.looseObject({
  title: z.optional(z.string()),
  type: z.optional(z.string()),
  status: z.optional(z.number()),
  detail: z.optional(z.string()),
  trace_id: z.optional(z.string()),
  retry_after: z.optional(z.number()),
  /** Set by our proxy when Kommo's own error body was not JSON (nginx's HTML page): a 403 then is a block. */
  upstream_not_json: z.catch(z.optional(z.boolean()), undefined),
  'validation-errors': z.optional(
    z.array(
      z.looseObject({
        request_id: z.optional(z.string()),
        errors: z.array(z.looseObject({ code: z.string(), path: z.string(), detail: z.string() })),
      }),
    ),
  ),
});
export type Problem = z.infer<typeof problemSchema>;
