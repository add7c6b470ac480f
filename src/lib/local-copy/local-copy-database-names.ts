// Naming and deleting a copy's IndexedDB database: the main thread needs only these, not Dexie
// (Dexie lives in the worker, so it stays out of the first bundle).
const DB_PREFIX = 'klb-local-copy';

/** One database per account and user: never shared, so one user's rights never answer another's view. */
export function localCopyDbName(accountId: number, userId: number): string {
  return `${DB_PREFIX}-${accountId}-${userId}`;
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
