// Custom fields: a value as a lead, contact or company carries it, and a field's definition
// (/api/v4/leads/custom_fields).
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { valueToText } from './custom-field-value-data';
import { countedPagingFields, lenientArray } from './schema-primitives';

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
export const customFieldValuesSchema = z.pipe(
  z.catch(z.optional(z.nullable(z.array(z.catch(customFieldValueSchema, { field_id: 0, values: [{ unreadable: true }] })))), []),
  z.transform((v) => v ?? []),
);

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
