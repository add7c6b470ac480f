// Loss reasons (embedded in leads, and /api/v4/leads/loss_reasons).
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { lenientArray } from './schema-primitives';

export const lossReasonSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  sort: z.optional(z.number()),
  created_at: z.optional(z.number()),
  updated_at: z.optional(z.number()),
});

export type LossReason = z.infer<typeof lossReasonSchema>;

export const lossReasonsResponseSchema = z.looseObject({
  _total_items: z.optional(z.number()),
  _embedded: z.looseObject({ loss_reasons: lenientArray(lossReasonSchema) }),
});
