// The XLSX worker: ExcelJS builds and zips the workbook here, off the page's main thread (zipping
// 20,000 leads took seconds there, with the page frozen). Its bundle carries ExcelJS; the page
// starts it only when someone exports an XLSX.
import * as ExcelNamespace from 'exceljs';
import type { ExcelModule } from './xlsx-sheet-writer';
import { createXlsxWorkerHandler } from './xlsx-worker-handler';
import type { XlsxAnswer, XlsxRequest } from './xlsx-protocol';

// The app compiles against the DOM library; this is the little of a worker's global scope it uses.
type WorkerScope = {
  onmessage: ((event: MessageEvent<XlsxRequest>) => void) | null;
  postMessage(message: XlsxAnswer, transfer?: Transferable[]): void;
};
const scope = self as unknown as WorkerScope;

// ExcelJS is CommonJS: bundlers hand it over as the default export.
const excel: ExcelModule = (ExcelNamespace as ExcelModule & { default?: ExcelModule }).default ?? ExcelNamespace;
const handle = createXlsxWorkerHandler(excel, (answer, transfer) => scope.postMessage(answer, transfer ?? []));
// Messages are handled one after another: `end` must not zip before the last rows are in.
let queue = Promise.resolve();
scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(() => handle(request));
};
