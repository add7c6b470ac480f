// The IndexedDB database of one account and user (Dexie): leads keyed by id, in their packed form
// (packed-lead.ts), and two meta rows: where the sync stands, and the packed fields' dictionary.
import { Dexie, type EntityTable } from 'dexie';
import type { LocalCopyMeta } from './local-copy-store';
import type { FieldDictionary, PackedLead } from './packed-lead';

export type MetaRow = { key: 'sync'; value: LocalCopyMeta } | { key: 'fields'; value: FieldDictionary };

export type LocalCopyDb = Dexie & {
  leads: EntityTable<PackedLead, 'id'>;
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
  // Version 2 keeps leads packed: a copy of version 1 (whole leads) is emptied and walked again.
  db.version(2)
    .stores({ leads: 'id', meta: 'key' })
    .upgrade(async (tx) => {
      await tx.table('leads').clear();
      await tx.table('meta').clear();
    });
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    onGone();
    // Stops Dexie's default handler (close, then reopen on demand).
    return false;
  });
  return db;
}
