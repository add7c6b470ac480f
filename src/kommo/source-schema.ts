// Lead sources (/api/v4/sources).
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { lenientArray } from './schema-primitives';

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
