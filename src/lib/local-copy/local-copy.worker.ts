// The local copy's worker: owns the IndexedDB database and the in-memory index, so loading 100,000
// leads and counting a view never block the page's main thread.
import type { Lead } from '../../kommo/schemas';
import { compactLead } from '../api/compact-lead';
import { openLocalCopyDb, type LocalCopyDb } from './local-copy-db';
import { LocalLeadsIndex } from './local-leads-index';
import type { WorkerAnswer, WorkerEnvelope, WorkerRequest } from './worker-protocol';

// The app compiles against the DOM library; this is the little of a worker's global scope it uses.
type WorkerScope = { onmessage: ((event: MessageEvent<WorkerEnvelope>) => void) | null; postMessage(message: WorkerAnswer): void };
const scope = self as unknown as WorkerScope;

const index = new LocalLeadsIndex();
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
      const [rows, meta] = await Promise.all([opened.leads.toArray(), opened.meta.get('sync')]);
      index.clear();
      // Structured clones and IndexedDB reads give every lead its own copy of each field name and
      // enum label: the compact shape shares them again (the worker's heap at 100,000 leads).
      index.upsert(rows.map(compactLead));
      return { meta: meta?.value ?? null, size: index.size };
    }
    case 'apply': {
      const target = requireDb();
      await target.transaction('rw', target.leads, target.meta, async () => {
        if (request.clear) await target.leads.clear();
        if (request.remove.length > 0) await target.leads.bulkDelete([...request.remove]);
        if (request.upsert.length > 0) await target.leads.bulkPut([...request.upsert] as Lead[]);
        await target.meta.put({ key: 'sync', value: request.meta });
      });
      if (request.clear) index.clear();
      index.remove(request.remove);
      index.upsert(request.upsert.map(compactLead));
      return index.size;
    }
    case 'reload': {
      const target = requireDb();
      const ids = [...request.ids];
      const [rows, meta] = await target.transaction('r', target.leads, target.meta, () =>
        Promise.all([target.leads.bulkGet(ids), target.meta.get('sync')]),
      );
      const kept: Lead[] = [];
      const removed: number[] = [];
      rows.forEach((row, i) => {
        if (row) kept.push(compactLead(row));
        else removed.push(ids[i] as number);
      });
      index.remove(removed);
      index.upsert(kept);
      return { meta: meta?.value ?? null, size: index.size };
    }
    case 'slice':
      return index.slice(request.query, request.offset, request.size);
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
