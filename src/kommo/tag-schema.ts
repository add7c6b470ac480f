// Tags (embedded in leads, and /api/v4/leads/tags).
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { hexColor, lenientArray, pagingFields } from './schema-primitives';

export const tagSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  color: z.pipe(z.optional(z.nullable(z.string())), z.transform(hexColor)),
});

export type Tag = z.infer<typeof tagSchema>;

export const tagsPageSchema = z.looseObject({
  ...pagingFields,
  _embedded: z.looseObject({ tags: lenientArray(tagSchema) }),
});
