// The XLSX export: typed cells (numbers as numbers, dates as dates in the account's zone, text as
// text) open the same in every Excel locale, with no list-separator guessing and nothing to defuse:
// a text cell is never read as a formula. ExcelJS (~900 KB) is loaded only when someone asks for one.
import type { CsvColumn, TypedCell } from './leads-to-csv';
import { createXlsxSheetWriter, type ExcelModule } from './xlsx-sheet-writer';
import type { XlsxColumnSpec } from './xlsx-protocol';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxOptions = {
  /** The worksheet's name (at most 31 characters, no []:*?/\ in Excel). */
  sheetName: string;
  signal?: AbortSignal;
  /** Rows added between yields to the event loop, so a large export does not freeze the page. */
  rowsPerSlice?: number;
  yieldToEventLoop?: () => Promise<void>;
};

/** ExcelJS is CommonJS: bundlers hand it over as the default export, Node as named ones. */
async function loadExcel(): Promise<ExcelModule> {
  const mod: ExcelModule & { default?: ExcelModule } = await import('exceljs');
  return mod.default ?? mod;
}

/** Excel's limit for one cell's text. */
export const XLSX_MAX_CELL_CHARS = 32_767;
const CUT_MARKER = '…';
// XML 1.0 has no place for C0 controls but tab, LF and CR, for U+FFFE/U+FFFF or for a lone half of a
// surrogate pair: one such character in one lead made the whole workbook unreadable to Excel.
// eslint-disable-next-line no-control-regex
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text a workbook can hold: characters XML cannot carry dropped, cut at Excel's 32,767 with a marker (never inside a surrogate pair). */
export function xlsxText(text: string): string {
  const clean = text.replace(NOT_IN_XML, '');
  if (clean.length <= XLSX_MAX_CELL_CHARS) return clean;
  let end = XLSX_MAX_CELL_CHARS - CUT_MARKER.length;
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return clean.slice(0, end) + CUT_MARKER;
}

/** One lead's cell as the workbook holds it: empty and non-finite values as no value, text made safe for XML. */
export function cellOf<T>(column: CsvColumn<T>, row: T): TypedCell {
  const value = column.typed ? column.typed(row) : column.value(row);
  if (value === undefined || value === '') return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return typeof value === 'string' ? xlsxText(value) : value;
}

const WIDTH_SAMPLE = 500;

/** A column as wide as its header and its longest value in the first 500 rows (a date: its format), 8 to 60 characters. */
export function columnWidth<T>(column: CsvColumn<T>, rows: readonly T[]): number {
  let longest = column.header.length;
  const sample = Math.min(rows.length, WIDTH_SAMPLE);
  for (let i = 0; i < sample; i++) {
    const value = cellOf(column, rows[i] as T);
    const length = value instanceof Date ? (column.numFmt ?? '').replace(/\\/g, '').length : value === null ? 0 : String(value).length;
    if (length > longest) longest = length;
  }
  return Math.min(60, Math.max(8, longest + 2));
}

/** The worksheet's columns: headers, widths from the content, the columns' number formats. */
export function xlsxColumnSpecs<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): XlsxColumnSpec[] {
  return columns.map((c) => ({ key: c.id, header: xlsxText(c.header), width: columnWidth(c, rows), ...(c.numFmt ? { numFmt: c.numFmt } : {}) }));
}

/** The workbook as a Blob, written on this thread (Node, tests); the page writes it in a worker (xlsx-in-worker.ts). */
export async function leadsToXlsxBlob<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: XlsxOptions): Promise<Blob> {
  const excel = await loadExcel();
  const slice = Math.max(1, options.rowsPerSlice ?? 250);
  const pause = options.yieldToEventLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const writer = createXlsxSheetWriter(excel, options.sheetName, xlsxColumnSpecs(columns, rows));
  for (let start = 0; start < rows.length; start += slice) {
    options.signal?.throwIfAborted();
    const end = Math.min(rows.length, start + slice);
    const cells: TypedCell[][] = [];
    for (let i = start; i < end; i++) {
      const row = rows[i] as T;
      cells.push(columns.map((c) => cellOf(c, row)));
    }
    writer.addRows(cells);
    if (end < rows.length) await pause();
  }
  options.signal?.throwIfAborted();
  return new Blob([await writer.finish()], { type: XLSX_MIME_TYPE });
}
