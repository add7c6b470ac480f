// The XLSX export: typed cells (numbers as numbers, dates as dates in the account's zone, text as
// text) open the same in every Excel locale, with no list-separator guessing and nothing to defuse:
// a text cell is never read as a formula. ExcelJS (~900 KB) is loaded only when someone asks for one.
import type * as ExcelJS from 'exceljs';
import type { CsvColumn, TypedCell } from './leads-to-csv';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type XlsxOptions = {
  /** The worksheet's name (at most 31 characters, no []:*?/\ in Excel). */
  sheetName: string;
  signal?: AbortSignal;
  /** Rows added between yields to the event loop, so a large export does not freeze the page. */
  rowsPerSlice?: number;
  yieldToEventLoop?: () => Promise<void>;
};

type ExcelModule = typeof ExcelJS;

/** ExcelJS is CommonJS: bundlers hand it over as the default export, Node as named ones. */
async function loadExcel(): Promise<ExcelModule> {
  const mod: ExcelModule & { default?: ExcelModule } = await import('exceljs');
  return mod.default ?? mod;
}

function safeSheetName(name: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean === '' ? 'Leads' : clean;
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

function cellOf<T>(column: CsvColumn<T>, row: T): TypedCell {
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

/** The workbook as a Blob: one sheet, a frozen header row, one row per lead. */
export async function leadsToXlsxBlob<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: XlsxOptions): Promise<Blob> {
  const { Workbook } = await loadExcel();
  // Small slices keep the rows' part responsive; the zip at the end (writeBuffer) is still one long task (issue 23 left it for a worker).
  const slice = Math.max(1, options.rowsPerSlice ?? 250);
  const pause = options.yieldToEventLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: xlsxText(c.header),
    key: c.id,
    width: columnWidth(c, rows),
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (let start = 0; start < rows.length; start += slice) {
    options.signal?.throwIfAborted();
    const end = Math.min(rows.length, start + slice);
    for (let i = start; i < end; i++) {
      const row = rows[i] as T;
      sheet.addRow(columns.map((c) => cellOf(c, row)));
    }
    if (end < rows.length) await pause();
  }
  options.signal?.throwIfAborted();
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: XLSX_MIME_TYPE });
}
