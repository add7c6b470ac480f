// A lead as /api/v4/leads sends it (the seed's "List leads" page), and a page of them.
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { catalogElementLinkSchema } from './catalog-schema';
import { customFieldValuesSchema, type CustomFieldValue } from './custom-field-schema';
import { lossReasonSchema } from './loss-reason-schema';
import { lenientArray, looseInt, nullableInt, pagingFields, zeroAsNull } from './schema-primitives';
import { tagSchema } from './tag-schema';

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

export const leadsPageSchema = z.looseObject({
  ...pagingFields,
  _embedded: z.looseObject({
    leads: lenientArray(leadSchema, (lead, repaired) => ({ ...lead, unreadable: lead.unreadable + repaired })),
  }),
});

export type LeadsPage = z.infer<typeof leadsPageSchema>;
