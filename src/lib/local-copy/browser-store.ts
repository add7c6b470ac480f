// The store the browser uses: IndexedDB behind a worker, or memory where either is missing
// (private modes that refuse IndexedDB, old embedded browsers): the copy then lasts one page view.
import { browserCoordination } from './copy-coordination';
import { createMemoryStore, type LocalCopyStore } from './local-copy-store';
import { createWorkerStore } from './worker-store';

export function createBrowserStore(dbName: string): LocalCopyStore {
  try {
    // Reading indexedDB throws where the browser denies storage (some third-party frames).
    if (typeof Worker === 'undefined' || typeof indexedDB === 'undefined') return createMemoryStore();
    // The tabs of this browser share the copy: one syncs (Web Locks), the others read it.
    return createWorkerStore(dbName, browserCoordination(dbName));
  } catch {
    return createMemoryStore();
  }
}
