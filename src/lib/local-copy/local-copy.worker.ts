// The local copy's worker: owns the IndexedDB database and the in-memory index, so loading 100,000
// leads and counting a view never block the page's main thread.
import { compactLead } from '@/lib/leads/compact-lead';
import { openLocalCopyDb, type LocalCopyDb } from './local-copy-db';
import { LocalLeadsIndex } from './local-leads-index';
import { createFieldPacker, type FieldDictionary, type FieldPacker, type PackedLead } from './packed-lead';
import type { WorkerAnswer, WorkerEnvelope, WorkerRequest } from './worker-protocol';

// The app compiles against the DOM library; this is the little of a worker's global scope it uses.
type WorkerScope = { onmessage: ((event: MessageEvent<WorkerEnvelope>) => void) | null; postMessage(message: WorkerAnswer): void };
const scope = self as unknown as WorkerScope;

// Leads stay packed in the index (their custom fields as numbers into the dictionary): only the
// leads a view asks for are unpacked, on their way to the page.
const index = new LocalLeadsIndex<PackedLead>();
let packer: FieldPacker = createFieldPacker();
let db: LocalCopyDb | null = null;
/** The database was deleted under this worker (another tab's Forget): nothing is written again. */
let gone = false;

class GoneError extends Error {
  override readonly name = 'LocalCopyGoneError';
}

function requireDb(): LocalCopyDb {
  if (gone) throw new GoneError('the local copy was deleted');
  if (!db) throw new Error('the local copy is not open');
  return db;
}

function onGone() {
  if (gone) return;
  gone = true;
  db = null;
  index.clear();
  scope.postMessage({ notice: 'gone' });
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'open': {
      if (gone) throw new GoneError('the local copy was deleted');
      db?.close();
      const opened = openLocalCopyDb(request.dbName, onGone);
      await opened.open();
      db = opened;
      const [rows, meta, fields] = await opened.transaction('r', opened.leads, opened.meta, () =>
        Promise.all([opened.leads.toArray(), opened.meta.get('sync'), opened.meta.get('fields')]),
      );
      packer = createFieldPacker(fields?.key === 'fields' ? fields.value : undefined);
      index.clear();
      index.upsert(rows);
      return { meta: meta?.key === 'sync' ? meta.value : null, size: index.size };
    }
    case 'apply': {
      const target = requireDb();
      // Structured clones give every lead its own copy of each field name and enum label: the compact
      // shape shares them again, and packing keeps each header and choice once.
      const packed = request.upsert.map((lead) => packer.pack(compactLead(lead)));
      const dictionary: FieldDictionary | null = packer.dirty ? packer.dictionary : null;
      await target.transaction('rw', target.leads, target.meta, async () => {
        if (request.clear) await target.leads.clear();
        if (request.remove.length > 0) await target.leads.bulkDelete([...request.remove]);
        if (packed.length > 0) await target.leads.bulkPut(packed);
        // The dictionary grows only, and is written with the first rows that use a new entry.
        if (dictionary) await target.meta.put({ key: 'fields', value: dictionary });
        await target.meta.put({ key: 'sync', value: request.meta });
      });
      packer.saved();
      if (request.clear) index.clear();
      index.remove(request.remove);
      index.upsert(packed);
      return index.size;
    }
    case 'reload': {
      const target = requireDb();
      const ids = [...request.ids];
      const [rows, meta, fields] = await target.transaction('r', target.leads, target.meta, () =>
        Promise.all([target.leads.bulkGet(ids), target.meta.get('sync'), target.meta.get('fields')]),
      );
      // Another tab wrote these rows with its own dictionary entries: read the dictionary again.
      if (fields?.key === 'fields') packer = createFieldPacker(fields.value);
      const kept: PackedLead[] = [];
      const removed: number[] = [];
      rows.forEach((row, i) => {
        if (row) kept.push(row);
        else removed.push(ids[i] as number);
      });
      index.remove(removed);
      index.upsert(kept);
      return { meta: meta?.key === 'sync' ? meta.value : null, size: index.size };
    }
    case 'slice': {
      const slice = index.slice(request.query, request.offset, request.size);
      return { ...slice, leads: slice.leads.map((lead) => packer.unpack(lead)) };
    }
    case 'totals':
      return index.totals(request.query);
    case 'destroy': {
      index.clear();
      const target = db;
      db = null;
      if (target) await target.delete({ disableAutoOpen: true });
      return null;
    }
  }
}

// Requests run one at a time, in order: a slice never sees half of an apply.
let queue: Promise<unknown> = Promise.resolve();

scope.onmessage = (event: MessageEvent<WorkerEnvelope>) => {
  const { id, request } = event.data;
  queue = queue.then(async () => {
    let answer: WorkerAnswer;
    try {
      answer = { id, ok: true, result: await handle(request) };
    } catch (error) {
      const isGone = gone || (error instanceof Error && error.name === 'DatabaseClosedError');
      // Opening and writing touch only IndexedDB: their failures are the browser's storage (quota, refusal).
      const storage = !isGone && (request.type === 'open' || request.type === 'apply');
      answer = { id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), storage, gone: isGone };
    }
    scope.postMessage(answer);
  });
};
