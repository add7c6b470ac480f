// The XLSX worker's logic, apart from the worker's global scope so a unit test can drive it with the
// page's own messages: rows are added as their slices arrive, the zip runs on `end`.
import type { ExcelModule, XlsxSheetWriter } from './xlsx-sheet-writer';
import { createXlsxSheetWriter } from './xlsx-sheet-writer';
import type { XlsxAnswer, XlsxRequest } from './xlsx-protocol';

export type XlsxPost = (answer: XlsxAnswer, transfer?: Transferable[]) => void;

export function createXlsxWorkerHandler(excel: ExcelModule, post: XlsxPost): (request: XlsxRequest) => Promise<void> {
  let writer: XlsxSheetWriter | null = null;
  let written = 0;
  let failed = false;
  const fail = (error: unknown) => {
    failed = true;
    writer = null;
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  };
  return async (request) => {
    if (failed) return;
    try {
      switch (request.type) {
        case 'start':
          writer = createXlsxSheetWriter(excel, request.sheetName, request.columns);
          written = 0;
          return;
        case 'rows':
          if (!writer) throw new Error('rows before the sheet was started');
          writer.addRows(request.rows);
          written += request.rows.length;
          post({ type: 'progress', rows: written });
          return;
        case 'end': {
          if (!writer) throw new Error('the sheet was never started');
          post({ type: 'zipping' });
          const bytes = await writer.finish();
          writer = null;
          post({ type: 'done', bytes }, [bytes]);
          return;
        }
      }
    } catch (error) {
      fail(error);
    }
  };
}
