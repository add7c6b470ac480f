// The IndexedDB database of one account and user (Dexie): leads keyed by id, one meta row.
import { Dexie, type EntityTable } from 'dexie';
import type { Lead } from '../../kommo/schemas';
import type { LocalCopyMeta } from './local-copy-store';

export type MetaRow = { key: 'sync'; value: LocalCopyMeta };

export type LocalCopyDb = Dexie & {
  leads: EntityTable<Lead, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
};

/**
 * `onGone`: another tab deleted the database (or a newer build upgrades it). Dexie's own answer is to
 * close and silently reopen on the next write, which would recreate a forgotten copy: this one closes
 * for good instead, and opens only when asked (`autoOpen: false`).
 */
export function openLocalCopyDb(name: string, onGone: () => void): LocalCopyDb {
  const db = new Dexie(name, { autoOpen: false }) as LocalCopyDb;
  db.version(1).stores({ leads: 'id', meta: 'key' });
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    onGone();
    // Stops Dexie's default handler (close, then reopen on demand).
    return false;
  });
  return db;
}
