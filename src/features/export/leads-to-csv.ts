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
  /** Work per slice before yielding; well under the 50 ms of a long task. */
  sliceMs?: number;
  /** Rows written between clock reads. */
  rowsPerBatch?: number;
  signal?: AbortSignal;
  yieldToEventLoop?: () => Promise<void>;
  now?: () => number;
};

const DEFAULT_SLICE_MS = 8;
const DEFAULT_ROWS_PER_BATCH = 64;

/**
 * The same CSV as a Blob (`text/csv`), built in time slices that yield to the event loop so
 * exporting 100,000 leads does not freeze the page. Each slice's text moves into a Blob of its own
 * at once, out of the JS heap: a 50 MB export held as strings made the garbage collector pause for
 * hundreds of milliseconds. The text equals `leadsToCsv(...)`.
 */
export async function leadsToCsvBlob<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: ChunkedCsvOptions = {}): Promise<Blob> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const batch = Math.max(1, options.rowsPerBatch ?? DEFAULT_ROWS_PER_BATCH);
  const pause = options.yieldToEventLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const now = options.now ?? (() => performance.now());
  const blobs: Blob[] = [new Blob([(options.bom ?? true) ? UTF8_BOM : '', unparse([columns.map((c) => c.header)])])];
  let index = 0;
  while (index < rows.length) {
    options.signal?.throwIfAborted();
    const started = now();
    const text: string[] = [];
    do {
      const end = Math.min(rows.length, index + batch);
      text.push(NEWLINE, unparse(toRows(rows, columns, index, end)));
      index = end;
    } while (index < rows.length && now() - started < sliceMs);
    blobs.push(new Blob(text));
    if (index < rows.length) await pause();
  }
  return new Blob(blobs, { type: CSV_MIME_TYPE });
}

export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';
