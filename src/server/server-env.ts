import type { HttpBindings } from '@hono/node-server';
import type { DirectoryUser } from './auth/account-directory.ts';
import type { Session } from './auth/session-store.ts';

/** The Hono environment of the server: Node's bindings, and who is signed in once the session gate has run. */
export type ServerEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: { session?: Session; user?: DirectoryUser };
};
