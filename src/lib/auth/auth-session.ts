// Who is signed in on a team server (issue 21): the server's `/auth/session`. `auth: 'none'` when the
// server runs without sign-in (loopback, or AUTH=none): the app then shows nothing about signing in.
import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';

const authSessionSchema = z.object({
  auth: z.enum(['kommo', 'none']),
  user: z.nullable(z.object({ id: z.number(), name: z.string(), isAdmin: z.boolean() })),
  reason: z.nullable(z.string()),
  accountUrl: z.nullable(z.string()),
  demoTeam: z.boolean(),
});
export type AuthSession = z.infer<typeof authSessionSchema>;

const demoTeamSchema = z.object({
  team: z.array(z.object({ id: z.number(), name: z.string(), isAdmin: z.boolean(), key: z.string() })),
});
export type DemoTeamMember = z.infer<typeof demoTeamSchema>['team'][number];

async function getJson<T>(url: string, schema: z.ZodMiniType<T>, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' }, credentials: 'same-origin', redirect: 'error' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return schema.parse(await response.json());
}

export const authQueries = {
  session: () =>
    queryOptions({
      queryKey: ['auth', 'session'],
      queryFn: ({ signal }) => getJson('/auth/session', authSessionSchema, signal),
      staleTime: 60_000,
      retry: 1,
    }),
  demoTeam: () =>
    queryOptions({
      queryKey: ['auth', 'demo-team'],
      queryFn: ({ signal }) => getJson('/auth/demo/team', demoTeamSchema, signal),
      staleTime: Infinity,
    }),
};

/** A path on this origin to come back to after signing in (the sign-in page's `return`), or `/`. */
export function returnPathOf(search: string): string {
  const raw = new URLSearchParams(search).get('return') ?? '/';
  return /^\/(?![/\\])/.test(raw) ? raw : '/';
}
