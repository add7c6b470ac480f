// The XLSX export as the page runs it: the page turns each lead into its typed cells in short time
// slices and posts them to the XLSX worker, which builds and zips the workbook and sends the bytes
// back. Nothing long runs on the main thread; Cancel (the signal) ends the worker at once.
import type { CsvColumn, TypedCell } from './leads-to-csv';
import { cellOf, xlsxColumnSpecs, XLSX_MIME_TYPE } from './leads-to-xlsx';
import type { XlsxAnswer, XlsxRequest } from './xlsx-protocol';
import { XlsxWorkerError } from './xlsx-worker-error';

/** The part of a Worker this module uses (a test passes one that runs the worker's handler in-process). */
export type XlsxWorkerLike = {
  postMessage(message: XlsxRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<XlsxAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
};

/** Where the export stands: cells written by the worker, then the zip (no progress of its own). */
export type XlsxProgress = { phase: 'rows'; done: number; total: number } | { phase: 'zip'; total: number };

export type XlsxInWorkerOptions = {
  sheetName: string;
  signal?: AbortSignal;
  onProgress?: (progress: XlsxProgress) => void;
  createWorker?: () => XlsxWorkerLike;
  /** Work per slice on the page before yielding, well under the 50 ms of a long task. */
  sliceMs?: number;
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
};

function startXlsxWorker(): XlsxWorkerLike {
  return new Worker(new URL('./xlsx-writer.worker.ts', import.meta.url), { type: 'module', name: 'xlsx-writer' });
}

const ROWS_PER_BATCH = 50;

export function leadsToXlsxInWorker<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: XlsxInWorkerOptions): Promise<Blob> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const sliceMs = options.sliceMs ?? 8;
  const pause = options.yieldToEventLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const now = options.now ?? (() => performance.now());
  const total = rows.length;
  const worker = (options.createWorker ?? startXlsxWorker)();

  return new Promise<Blob>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.onmessage = (event) => {
      const answer = event.data;
      if (answer.type === 'progress') onProgress?.({ phase: 'rows', done: answer.rows, total });
      else if (answer.type === 'zipping') onProgress?.({ phase: 'zip', total });
      else if (answer.type === 'done') finish(() => resolve(new Blob([answer.bytes], { type: XLSX_MIME_TYPE })));
      else finish(() => reject(new XlsxWorkerError(answer.message)));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      finish(() => reject(new XlsxWorkerError(event.message || 'the XLSX writer stopped')));
    };
    worker.onmessageerror = () => finish(() => reject(new XlsxWorkerError('the XLSX writer could not read a message')));

    const send = async () => {
      worker.postMessage({ type: 'start', sheetName: options.sheetName, columns: xlsxColumnSpecs(columns, rows), total });
      onProgress?.({ phase: 'rows', done: 0, total });
      let index = 0;
      while (index < total) {
        if (settled) return;
        const started = now();
        const cells: TypedCell[][] = [];
        do {
          const end = Math.min(total, index + ROWS_PER_BATCH);
          for (; index < end; index++) {
            const row = rows[index] as T;
            cells.push(columns.map((c) => cellOf(c, row)));
          }
        } while (index < total && now() - started < sliceMs);
        worker.postMessage({ type: 'rows', rows: cells });
        if (index < total) await pause();
      }
      if (!settled) worker.postMessage({ type: 'end' });
    };
    send().catch((error: unknown) => finish(() => reject(error)));
  });
}
