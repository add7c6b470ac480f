// The postMessage protocol between the dashboard (in an iframe) and the widget script (in the Kommo
// page). Kommo offers no bridge of its own, so this is ours; widget/script.js speaks the parent side.
//
//   1. The widget script creates the iframe at `<dashboard_url>?embedded=1`.
//   2. iframe -> parent  {type:'klb:hello', version}              sent only to an allowlisted parent origin
//   3. parent -> iframe  {type:'klb:context', version, account, user, lang, page}  (again on any later hello);
//                        page: the Kommo page's people and rights constants (kommo-page-directory.ts)
//   4. iframe -> parent  {type:'klb:request', id, path, query}     GET only, path on the API allowlist
//   5. parent -> iframe  {type:'klb:response', id, status, headers, body}
//                     or {type:'klb:error', id, reason}            'forbidden' (refused) or 'network'
//   6. iframe -> parent  {type:'klb:cancel', id}                   on abort or timeout
//   7. iframe -> parent  {type:'klb:close'}                        Escape inside the dashboard: keys
//      pressed in the iframe never reach the Kommo page, so the widget's modal is asked to close
//   8. iframe -> parent  {type:'klb:open-lead', leadId}            the Kommo page opens its own lead card
//   9. iframe -> parent  {type:'klb:open-tab', path}               "Open in a new tab" (issue 21): the widget
//      gets a one-time token from the Kommo page and posts it to the dashboard's /auth/kommo in a new
//      tab, which lands on `path` (this view) signed in
//                                                                   (the sandbox forbids the frame navigating the top page)
//
// Both sides accept a message only when event.origin is the expected origin AND event.source is the
// expected window, validate it with a schema, and name the exact target origin on every send.
import * as z from 'zod/mini';

export const BRIDGE_PROTOCOL_VERSION = 1;

const requestId = z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/));
const apiPath = z.string().check(z.startsWith('/api/v4/'), z.maxLength(200));
/** A query string without '?', as the Kommo codecs write it; never a fragment. */
const queryString = z.string().check(z.maxLength(8000), z.regex(/^[^#?]*$/));
const integer = () => z.number().check(z.int());

export const helloMessageSchema = z.strictObject({ type: z.literal('klb:hello'), version: integer() });
export type HelloMessage = z.infer<typeof helloMessageSchema>;

export const kommoContextSchema = z.object({
  account: z.object({
    id: integer(),
    subdomain: z.string().check(z.maxLength(100)),
    currency: z.catch(z.nullable(z.string().check(z.maxLength(10))), null),
    timezone: z.catch(z.nullable(z.string().check(z.maxLength(100))), null),
  }),
  user: z.object({ id: integer(), name: z.string().check(z.maxLength(200)) }),
  /** Kommo's interface language (`APP.lang_id`), e.g. 'en', 'es', 'pt'. */
  lang: z.string().check(z.maxLength(20)),
});
export type KommoContext = z.infer<typeof kommoContextSchema>;

export const contextMessageSchema = z.extend(kommoContextSchema, {
  type: z.literal('klb:context'),
  version: integer(),
  /**
   * The page's `managers`, `groups`, `user` and `user_rights` constants, as the widget found them:
   * read by kommo-page-directory.ts (checked, bounded); absent from an older widget script.
   */
  page: z.optional(z.unknown()),
});
export type ContextMessage = z.infer<typeof contextMessageSchema>;

export const requestMessageSchema = z.strictObject({
  type: z.literal('klb:request'),
  id: requestId,
  path: apiPath,
  query: queryString,
});
export type RequestMessage = z.infer<typeof requestMessageSchema>;

export const cancelMessageSchema = z.strictObject({ type: z.literal('klb:cancel'), id: requestId });
export type CancelMessage = z.infer<typeof cancelMessageSchema>;

export const responseMessageSchema = z.object({
  type: z.literal('klb:response'),
  id: requestId,
  status: z.number().check(z.int(), z.gte(100), z.lte(599)),
  headers: z.object({
    'content-type': z.optional(z.string().check(z.maxLength(200))),
    'retry-after': z.optional(z.string().check(z.maxLength(100))),
    // Kommo's clock, for the local copy's cursors (an older widget script sends none).
    date: z.optional(z.string().check(z.maxLength(100))),
  }),
  body: z.string(),
});
export type ResponseMessage = z.infer<typeof responseMessageSchema>;

export const errorMessageSchema = z.object({
  type: z.literal('klb:error'),
  id: requestId,
  reason: z.enum(['forbidden', 'network']),
});
export type ErrorMessage = z.infer<typeof errorMessageSchema>;

/** Asks the widget to close the modal the dashboard is in (the widget ignores it on its own page). */
export const closeMessageSchema = z.strictObject({ type: z.literal('klb:close') });
export type CloseMessage = z.infer<typeof closeMessageSchema>;

/** Everything the iframe may receive from the parent. */
export const parentMessageSchema = z.discriminatedUnion('type', [contextMessageSchema, responseMessageSchema, errorMessageSchema]);
export type ParentMessage = z.infer<typeof parentMessageSchema>;

/** Asks the Kommo page to show a lead's card (`/leads/detail/<id>` on its own origin); nothing else is navigable. */
export const openLeadMessageSchema = z.strictObject({
  type: z.literal('klb:open-lead'),
  leadId: z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER)),
});
export type OpenLeadMessage = z.infer<typeof openLeadMessageSchema>;

/** Asks the widget to open this view in a new tab, signed in with a one-time token from the Kommo page (a path on the dashboard's own origin). */
export const openTabMessageSchema = z.strictObject({
  type: z.literal('klb:open-tab'),
  path: z.string().check(z.maxLength(4096), z.regex(/^\/(?![/\\])/)),
});
export type OpenTabMessage = z.infer<typeof openTabMessageSchema>;

/** Everything the parent may receive from the iframe. */
export const frameMessageSchema = z.discriminatedUnion('type', [
  helloMessageSchema,
  requestMessageSchema,
  cancelMessageSchema,
  closeMessageSchema,
  openLeadMessageSchema,
  openTabMessageSchema,
]);
export type FrameMessage = z.infer<typeof frameMessageSchema>;
