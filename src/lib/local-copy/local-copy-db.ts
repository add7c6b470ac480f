// The IndexedDB database of one account and user (Dexie): leads keyed by id, one meta row.
import { Dexie, type EntityTable } from 'dexie';
import type { Lead } from '../../kommo/schemas';
import type { LocalCopyMeta } from './local-copy-store';

export type MetaRow = { key: 'sync'; value: LocalCopyMeta };

export type LocalCopyDb = Dexie & {
  leads: EntityTable<Lead, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
};

const DB_PREFIX = 'klb-local-copy';

/** One database per account and user: never shared, so one user's rights never answer another's view. */
export function localCopyDbName(accountId: number, userId: number): string {
  return `${DB_PREFIX}-${accountId}-${userId}`;
}

export function openLocalCopyDb(name: string): LocalCopyDb {
  const db = new Dexie(name) as LocalCopyDb;
  db.version(1).stores({ leads: 'id', meta: 'key' });
  return db;
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
