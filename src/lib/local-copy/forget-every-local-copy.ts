// After a 401: the running copy lets go of its database first, then every copy this browser profile
// lists is deleted, with the names the settings knew. A chunk the 401 path imports (the views already
// went live synchronously in the hub), so the first load carries none of it.
import { deleteLocalCopyDatabase, listLocalCopyDatabases } from './local-copy-database-names';
import type { LocalCopySync } from './local-copy-sync';

export async function forgetEveryLocalCopy(running: LocalCopySync | null, known: readonly string[]): Promise<void> {
  await running?.forget().catch(() => undefined);
  const all = new Set([...known, ...(await listLocalCopyDatabases())]);
  await Promise.all([...all].map((name) => deleteLocalCopyDatabase(name).catch(() => undefined)));
}
