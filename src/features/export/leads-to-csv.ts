// CSV text for a spreadsheet: written by papaparse (quoting of commas, quotes and newlines), with a
// guard against formula injection and a UTF-8 byte order mark so Excel reads accents and emoji right.
import Papa from 'papaparse';

export type CsvCell = string | number | boolean | null | undefined;

/** A typed spreadsheet cell (XLSX): a Date holds the account's wall-clock time in its UTC fields. */
export type TypedCell = string | number | boolean | Date | null;

/**
 * One exported column: the table's visible column set maps onto a list of these, in order. `typed`
 * and `numFmt` are for the XLSX export: the cell as a date or duration instead of the CSV's text.
 */
export type CsvColumn<T> = { id: string; header: string; value: (row: T) => CsvCell; typed?: (row: T) => TypedCell; numFmt?: string };

/** Excel and LibreOffice read a file without BOM as the system code page, mangling "São Paulo". */
export const UTF8_BOM = '\uFEFF';

/**
 * What a spreadsheet may skip before reading a cell as a formula: spaces, no-break spaces (U+00A0,
 * U+202F), the other Unicode spaces and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF).
 * Excel and LibreOffice trim some of these on import, so " =1" or "\u00A0=1" can still run.
 * Tab and CR are not here: they are formula triggers themselves. The other C0 controls, DEL and NEL
 * (U+0085) are skipped too (issue 21's review): an importer that drops them leaves the trigger first.
 */
const SKIPPED =
  '[\\u0000-\\u0008\\u000E-\\u001F\\u007F\\u0085 \\n\\v\\f\\u00A0\\u1680\\u180E\\u2000-\\u200F\\u2028-\\u202F\\u205F-\\u2064\\u3000\\uFEFF]';
/** OWASP "CSV injection" triggers (`=`, `+`, `-`, `@`, tab, CR) and their full-width forms, which some importers fold. */
const TRIGGER = '[=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20]';

/** A cell a spreadsheet would run as a formula: a trigger after nothing but skipped characters. */
export const FORMULA_START = new RegExp(`^${SKIPPED}*${TRIGGER}`);
/**
 * A trigger at the start of a piece the importer may cut the cell into: Excel in Spanish, Portuguese,
 * German (and most locales with a decimal comma) splits CSV on `;`, import wizards on tab or `,`.
 * Every text cell is quoted, which Excel honours, but an importer told to ignore quotes is not.
 */
// A `"` may sit between the separator and the trigger too: an importer that ignores quotes drops it.
const FORMULA_AFTER_SEPARATOR = new RegExp(`([;,\\t\\r\\n](?:${SKIPPED}|")*)(?=${TRIGGER})`, 'g');

/**
 * Text that no spreadsheet runs as a formula, however it splits the line: an apostrophe before the
 * cell, and before the trigger of every piece after a separator that starts (after blanks) with one. Excel shows
 * a cell starting with an apostrophe as text. Only pieces that start with a trigger get one:
 * "Acme;=HYPERLINK(…)" becomes "Acme;'=HYPERLINK(…)", "+55 11, +55 21" becomes "'+55 11, '+55 21".
 */
export function defuseFormula(text: string): string {
  const inner = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_START.test(text) ? `'${inner}` : inner;
}

const NEWLINE = '\r\n';

/**
 * How a spreadsheet in the user's language reads a CSV: Excel set up for Spain or Brazil splits on
 * `;` and reads `1234,5` as a number (its list separator and decimal mark); in English, `,` and `.`.
 */
export type CsvDialect = { delimiter: ',' | ';'; decimalComma: boolean };
export const COMMA_DIALECT: CsvDialect = { delimiter: ',', decimalComma: false };
export const SEMICOLON_DIALECT: CsvDialect = { delimiter: ';', decimalComma: true };

/** A number written with a decimal comma stays bare (unquoted), so the spreadsheet reads it as a number. */
class CsvNumber {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

function toRows<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], start: number, end: number, dialect: CsvDialect): unknown[][] {
  const out: unknown[][] = [];
  for (let i = start; i < end; i++) {
    const row = rows[i] as T;
    out.push(columns.map((c) => normaliseCell(c.value(row), dialect)));
  }
  return out;
}

/** Numbers stay numbers (a negative price is not a formula), with the dialect's decimal mark; text is defused. */
function normaliseCell(value: CsvCell, dialect: CsvDialect = COMMA_DIALECT): CsvCell | CsvNumber {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  if (typeof value === 'number' && dialect.decimalComma) return new CsvNumber(String(value).replace('.', ','));
  if (typeof value === 'string') return defuseFormula(value);
  return value;
}

// Every text cell in quotes: a `;` or tab inside stays inside the cell for importers that split on
// them. Numbers and empty cells stay bare, so a spreadsheet still reads numbers as numbers.
const quoteText = (value: unknown) => typeof value === 'string' && value !== '';

// Arrays of arrays only: with `{fields, data}` papaparse appends a newline after a header with no data.
// Defusing happens in normaliseCell; papaparse's own escapeFormulae tests only the first character.
function unparse(data: unknown[][], dialect: CsvDialect = COMMA_DIALECT): string {
  return Papa.unparse(data, { escapeFormulae: false, newline: NEWLINE, quotes: quoteText, delimiter: dialect.delimiter });
}

export type CsvOptions = { bom?: boolean; dialect?: CsvDialect };

/** The whole CSV in one go (header row, then one line per row). Empty cells stay empty. */
export function leadsToCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], options: CsvOptions = {}): string {
  const dialect = options.dialect ?? COMMA_DIALECT;
  const header = unparse([columns.map((c) => normaliseCell(c.header))], dialect);
  const text = rows.length > 0 ? `${header}${NEWLINE}${unparse(toRows(rows, columns, 0, rows.length, dialect), dialect)}` : header;
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
  const dialect = options.dialect ?? COMMA_DIALECT;
  const blobs: Blob[] = [new Blob([(options.bom ?? true) ? UTF8_BOM : '', unparse([columns.map((c) => normaliseCell(c.header))], dialect)])];
  let index = 0;
  while (index < rows.length) {
    options.signal?.throwIfAborted();
    const started = now();
    const text: string[] = [];
    do {
      const end = Math.min(rows.length, index + batch);
      text.push(NEWLINE, unparse(toRows(rows, columns, index, end, dialect), dialect));
      index = end;
    } while (index < rows.length && now() - started < sliceMs);
    blobs.push(new Blob(text));
    if (index < rows.length) await pause();
  }
  return new Blob(blobs, { type: CSV_MIME_TYPE });
}

export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';
