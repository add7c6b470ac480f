// Catalogs (lists and products): the link a lead embeds, the catalogs and their elements.
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { customFieldValuesSchema } from './custom-field-schema';
import { lenientArray, looseInt, pagingFields } from './schema-primitives';

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
