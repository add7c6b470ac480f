// The account (/api/v4/account with its `with=` parts): zone, currency, date formats, groups.
// Lenient on unknown fields (looseObject), exact on what the product uses; zod/mini (see
// schema-primitives.ts). Types come from here.
import * as z from 'zod/mini';
import { lenientArray } from './schema-primitives';

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
