// Kommo's errors: application/problem+json.
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';

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
