// Messages between the page and the XLSX worker (xlsx-writer.worker.ts): the page sends the sheet's
// columns, then its typed cells in slices, then `end`; the worker answers with progress and the
// file's bytes (transferred, not copied), or an error in words.
import type { TypedCell } from './leads-to-csv';

/** A worksheet column as the writer needs it: header text, width in characters, Excel number format. */
export type XlsxColumnSpec = { key: string; header: string; width: number; numFmt?: string };

export type XlsxRequest =
  | { type: 'start'; sheetName: string; columns: readonly XlsxColumnSpec[]; total: number }
  | { type: 'rows'; rows: readonly (readonly TypedCell[])[] }
  | { type: 'end' };

export type XlsxAnswer =
  { type: 'progress'; rows: number } | { type: 'zipping' } | { type: 'done'; bytes: ArrayBuffer } | { type: 'error'; message: string };
