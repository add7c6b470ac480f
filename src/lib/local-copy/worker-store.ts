// The browser's LocalCopyStore: a Web Worker holding the IndexedDB copy and its index.
import type { CopyCoordination } from './copy-coordination';
import { LocalCopyGoneError, LocalCopyStorageError, type LocalCopyStore } from './local-copy-store';
import type { WorkerAnswer, WorkerEnvelope, WorkerRequest, WorkerResult } from './worker-protocol';

export function createWorkerStore(dbName: string, coordination: CopyCoordination | null): LocalCopyStore {
  const worker = new Worker(new URL('./local-copy.worker.ts', import.meta.url), { type: 'module', name: 'local-copy' });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const goneListeners = new Set<() => void>();
  worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
    const answer = event.data;
    if ('notice' in answer) {
      for (const listener of [...goneListeners]) listener();
      return;
    }
    const waiter = pending.get(answer.id);
    if (!waiter) return;
    pending.delete(answer.id);
    if (answer.ok) waiter.resolve(answer.result);
    else
      waiter.reject(
        answer.gone ? new LocalCopyGoneError(answer.error) : answer.storage ? new LocalCopyStorageError(answer.error) : new Error(answer.error),
      );
  };
  worker.onerror = (event) => {
    const error = new Error(event.message || 'the local copy worker failed');
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  function call<T extends WorkerRequest['type']>(request: Extract<WorkerRequest, { type: T }>): Promise<WorkerResult[T]> {
    const id = nextId++;
    return new Promise<WorkerResult[T]>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const envelope: WorkerEnvelope = { id, request };
      worker.postMessage(envelope);
    });
  }

  return {
    persistent: true,
    coordination,
    open: () => call<'open'>({ type: 'open', dbName }),
    apply: (change) =>
      call<'apply'>({ type: 'apply', upsert: change.upsert, remove: change.remove, meta: change.meta, clear: change.clear === true }),
    reload: (ids) => call<'reload'>({ type: 'reload', ids }),
    onGone(listener) {
      goneListeners.add(listener);
      return () => {
        goneListeners.delete(listener);
      };
    },
    slice: (query, offset, size) => call<'slice'>({ type: 'slice', query, offset, size }),
    totals: (query) => call<'totals'>({ type: 'totals', query }),
    destroy: () => call<'destroy'>({ type: 'destroy' }).then(() => undefined),
    close() {
      worker.terminate();
      coordination?.channel.close();
      for (const waiter of pending.values()) waiter.reject(new Error('the local copy was closed'));
      pending.clear();
    },
  };
}
