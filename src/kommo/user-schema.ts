// Users (/api/v4/users, administrators only) and their rights.
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { groupSchema } from './account-schema';
import { countedPagingFields, lenientArray } from './schema-primitives';

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
