// Pipelines and their stages (/api/v4/leads/pipelines).
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { lenientArray } from './schema-primitives';

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
