// One worksheet written with ExcelJS: a frozen, bold header row, columns with widths and number
// formats, one row of typed cells per lead. The XLSX worker and the in-process writer (Node, tests)
// both write through this, so the file is the same wherever it is made.
import type * as ExcelJS from 'exceljs';
import type { TypedCell } from './leads-to-csv';
import type { XlsxColumnSpec } from './xlsx-protocol';

export type ExcelModule = typeof ExcelJS;

export type XlsxSheetWriter = {
  addRows(rows: readonly (readonly TypedCell[])[]): void;
  /** The workbook's bytes (ExcelJS zips here: the one long step, which is why it runs in a worker). */
  finish(): Promise<ArrayBuffer>;
};

/** Excel refuses a worksheet name over 31 characters or with []:*?/\ in it. */
export function safeSheetName(name: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean === '' ? 'Leads' : clean;
}

export function createXlsxSheetWriter(excel: ExcelModule, sheetName: string, columns: readonly XlsxColumnSpec[]): XlsxSheetWriter {
  const workbook = new excel.Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  return {
    addRows(rows) {
      for (const row of rows) sheet.addRow([...row]);
    },
    async finish() {
      const buffer = await workbook.xlsx.writeBuffer();
      // ExcelJS hands back a Buffer (Node) or its Uint8Array polyfill (browser): its own bytes only.
      const view = new Uint8Array(buffer as ArrayBuffer);
      return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength
        ? (view.buffer as ArrayBuffer)
        : (view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer);
    },
  };
}
