// Naming and deleting a copy's IndexedDB database: the main thread needs only these, not Dexie
// (Dexie lives in the worker, so it stays out of the first bundle).
const DB_PREFIX = 'klb-local-copy';

/**
 * One database per verified origin, account and user: never shared, so one user's rights never answer
 * another's view, and a page of another Kommo tenant (which shares the browser's storage site with
 * this one inside Kommo) asserting the same account and user ids names another database.
 * `origin` is the parent origin the handshake verified (event.origin), or the app's own standalone.
 */
export function localCopyDbName(origin: string, accountId: number, userId: number): string {
  return `${DB_PREFIX}-${accountId}-${userId}@${origin}`;
}

/** The verified origin a copy's database was named under (the part after its last `@`). */
export function localCopyDbOrigin(name: string): string {
  return name.slice(name.lastIndexOf('@') + 1);
}

export function isLocalCopyDbName(name: string): boolean {
  return name.startsWith(DB_PREFIX);
}

/** Deletes a copy's database without opening it (a previous account's or user's copy). */
export function deleteLocalCopyDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      // Reading indexedDB itself throws where the browser denies storage (some third-party frames).
      if (typeof indexedDB === 'undefined') return resolve();
      request = indexedDB.deleteDatabase(name);
    } catch {
      return resolve();
    }
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Another tab still holds it open: it is deleted once that tab lets go.
    request.onblocked = () => resolve();
  });
}

/** The names of every copy this browser profile holds (as far as the browser lists them). */
export async function listLocalCopyDatabases(): Promise<string[]> {
  try {
    if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
    const all = await indexedDB.databases();
    return all.map((d) => d.name ?? '').filter(isLocalCopyDbName);
  } catch {
    return [];
  }
}
