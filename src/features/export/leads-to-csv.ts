// CSV text for a spreadsheet: written by papaparse (quoting of commas, quotes and newlines), with a
// guard against formula injection and a UTF-8 byte order mark so Excel reads accents and emoji right.
import Papa from 'papaparse';

export type CsvCell = string | number | boolean | null | undefined;

/** One exported column: the table's visible column set maps onto a list of these, in order. */
export type CsvColumn<T> = { id: string; header: string; value: (row: T) => CsvCell };

/** Excel and LibreOffice read a file without BOM as the system code page, mangling "São Paulo". */
export const UTF8_BOM = '\uFEFF';

/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): a leading `=`, `+`, `-`, `@`,
 * tab or carriage return. Papaparse's own default pattern ends in `.*$` without the `s` flag, so a
 * multi-line cell such as "=HYPERLINK(…)\nx" slips past it; this one tests the first character only.
 * Numbers are never escaped (papaparse skips number cells), so a negative price stays a number.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

const NEWLINE = '\r\n';

function toRows<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], start: number, end: number): CsvCell[][] {
  const out: CsvCell[][] = [];
  for (let i = start; i < end; i++) {
    const row = rows[i] as T;
    out.push(columns.map((c) => normaliseCell(c.value(row))));
  }
  return out;
}

function normaliseCell(value: CsvCell): CsvCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  return value;
}

// Arrays of arrays only: with `{fields, data}` papaparse appends a newline after a header with no data.
function unparse(data: CsvCell[][]): string {
  return Papa.unparse(data, { escapeFormulae: FORMULA_START, newline: NEWLINE, quotes: false });
}

export type CsvOptions = { bom?: boolean };

/** The whole CSV in one go (header row, then one line per row). Empty cells stay empty. */
export function leadsToCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: CsvOptions = {}): string {
  const header = unparse([columns.map((c) => c.header)]);
  const text = rows.length > 0 ? `${header}${NEWLINE}${unparse(toRows(rows, columns, 0, rows.length))}` : header;
  return (options.bom ?? true) ? UTF8_BOM + text : text;
}

export type ChunkedCsvOptions = CsvOptions & {
  /** Rows per slice between yields; 2,000 rows of 25 columns take a few milliseconds. */
  rowsPerSlice?: number;
  signal?: AbortSignal;
  yieldToEventLoop?: () => Promise<void>;
};

/**
 * The same CSV as parts for a Blob, built in slices that yield to the event loop so exporting
 * 100,000 leads does not freeze the page. `parts.join('')` equals `leadsToCsv(...)`.
 */
export async function leadsToCsvParts<T>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
  options: ChunkedCsvOptions = {},
): Promise<string[]> {
  const size = Math.max(1, options.rowsPerSlice ?? 2000);
  const pause = options.yieldToEventLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const parts: string[] = [(options.bom ?? true) ? UTF8_BOM : ''];
  parts.push(unparse([columns.map((c) => c.header)]));
  for (let start = 0; start < rows.length; start += size) {
    options.signal?.throwIfAborted();
    const data = toRows(rows, columns, start, Math.min(rows.length, start + size));
    parts.push(NEWLINE, unparse(data));
    if (start + size < rows.length) await pause();
  }
  return parts;
}
