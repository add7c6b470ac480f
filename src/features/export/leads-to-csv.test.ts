import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { leadsToCsv, leadsToCsvBlob, UTF8_BOM, type CsvCell, type CsvColumn } from './leads-to-csv';

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
    expect(csv).toBe(`${UTF8_BOM}A,B\r\n1,x`);
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
    expect(leadsToCsv([], columns, { bom: false })).toBe('A,B');
  });

  it('guards and escapes the header row too', () => {
    const csv = leadsToCsv([], [{ id: 'x', header: '=evil, "name"', value: () => '' }]);
    expect(parse(csv)).toEqual([["'=evil, \"name\""]]);
  });

  it('parses back to the same cells for any text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 20 }), (pairs) => {
        const rows: Row[] = pairs.map(([a, b]) => ({ a, b }));
        const parsed = Papa.parse<string[]>(leadsToCsv(rows, columns).slice(1), { header: false, delimiter: ',' }).data.slice(1);
        const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        expect(parsed).toEqual(rows.map((r) => [guard(String(r.a)), guard(String(r.b))]));
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
