// The runtime settings the browser needs from the server, served as /app-config.json because the
// CSP (script-src 'self') rules out an inline script: demo or real, the embedding allowlist, the
// public URL, the Kommo address. Parsed at the boundary like any response.
import * as z from 'zod/mini';

export const APP_CONFIG_PATH = '/app-config.json';

export const appConfigSchema = z.object({
  /**
   * Which upstream the server proxies to, said by the server rather than guessed from the account's
   * subdomain (a real account could be called "demo" too). Null when it does not say (an older
   * server) or says something unknown: the other settings (the embedding allowlist) must still load.
   */
  mode: z.catch(z.nullable(z.enum(['demo', 'real'])), null),
  /** CSP frame-ancestors sources, e.g. `https://*.kommo.com`: the pages allowed to embed the app. */
  parentOrigins: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(100)),
  /** The standalone URL for "copy link" when embedded; null when not configured. */
  publicUrl: z.nullable(z.string().check(z.maxLength(2000))),
  /** The real account's Kommo origin (KOMMO_BASE_URL or https://<subdomain>.kommo.com); null for the demo account or an older server. */
  kommoBaseUrl: z.pipe(
    z.optional(z.nullable(z.string().check(z.maxLength(300)))),
    z.transform((v) => v ?? null),
  ),
});
export type AppConfig = z.infer<typeof appConfigSchema>;
export type ServerMode = NonNullable<AppConfig['mode']>;

export async function loadAppConfig(signal: AbortSignal, fetchFn: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchFn(APP_CONFIG_PATH, { signal, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${APP_CONFIG_PATH} answered ${response.status}`);
  return appConfigSchema.parse(await response.json());
}
