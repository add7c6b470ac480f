// The IndexedDB database of one account and user (Dexie): leads keyed by id, one meta row.
import { Dexie, type EntityTable } from 'dexie';
import type { Lead } from '../../kommo/schemas';
import type { LocalCopyMeta } from './local-copy-store';

export type MetaRow = { key: 'sync'; value: LocalCopyMeta };

export type LocalCopyDb = Dexie & {
  leads: EntityTable<Lead, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export function openLocalCopyDb(name: string): LocalCopyDb {
  const db = new Dexie(name) as LocalCopyDb;
  db.version(1).stores({ leads: 'id', meta: 'key' });
  return db;
}
