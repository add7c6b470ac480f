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

function cellOf<T>(column: CsvColumn<T>, row: T): TypedCell {
  if (column.typed) return column.typed(row);
  const value = column.value(row);
  if (value === undefined || value === '') return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** The workbook as a Blob: one sheet, a frozen header row, one row per lead. */
export async function leadsToXlsxBlob<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: XlsxOptions): Promise<Blob> {
  const { Workbook } = await loadExcel();
  const slice = Math.max(1, options.rowsPerSlice ?? 2000);
  const pause = options.yieldToEventLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.id,
    width: Math.min(60, Math.max(10, c.header.length + 2)),
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
