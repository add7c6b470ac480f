import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { leadSchema, type Lead, type LeadWire } from '@/kommo/lead-schema';
import { buildExportColumns, type ExportReference } from './lead-export-columns';
import { XLSX_TEST_REFERENCE } from './xlsx-test-reference.testing';
import { formatMessage } from '@/lib/i18n/define-messages';
import { leadColumnMessages, type LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import { leadsToXlsxBlob, XLSX_MIME_TYPE } from './leads-to-xlsx';

const labels: LeadColumnTexts = (key, values) => (key.startsWith('col') ? `H:${key}` : formatMessage(leadColumnMessages.en[key], values, 'en'));

const ref: ExportReference = XLSX_TEST_REFERENCE;

function lead(wire: Partial<LeadWire>): Lead {
  return leadSchema.parse({ id: 1, updated_at: 0, ...wire });
}

// 2024-03-05 02:30 UTC is 2024-03-04 23:30 in São Paulo (UTC-3).
const NEAR_MIDNIGHT = Date.UTC(2024, 2, 5, 2, 30) / 1000;

async function readBack(blob: Blob): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await blob.arrayBuffer());
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

describe('XLSX export', () => {
  it('writes numbers as numbers, dates as dates in the account zone, and formula-like text as text', async () => {
    const leads = [
      lead({
        id: 7,
        name: 'Acme;=HYPERLINK("http://evil.example","x")',
        price: -1500,
        created_at: NEAR_MIDNIGHT,
        labor_cost: 7500,
        custom_fields_values: [
          { field_id: 102, field_type: 'date', values: [{ value: NEAR_MIDNIGHT }] },
          { field_id: 100, field_type: 'numeric', values: [{ value: '12.5' }] },
        ],
      }),
      lead({ id: 8, name: '\u00A0=1+1', price: 0 }),
    ];
    const columns = buildExportColumns(['id', 'name', 'price', 'created_at', 'labor_cost', 'cf_102', 'cf_100', 'closed_at'], ref, labels);
    const yields: number[] = [];
    const blob = await leadsToXlsxBlob(leads, columns, {
      sheetName: 'Leads: [all]',
      rowsPerSlice: 1,
      yieldToEventLoop: async () => void yields.push(1),
    });
    expect(blob.type).toBe(XLSX_MIME_TYPE);
    expect(yields).toHaveLength(1);

    const sheet = await readBack(blob);
    expect(sheet.name).toBe('Leads   all');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'H:colId',
      'H:colName',
      'H:colPrice',
      'H:colCreatedAt (America/Sao_Paulo)',
      'H:colLaborCost (h:mm)',
      'Signed',
      'Budget',
      'H:colClosedAt (America/Sao_Paulo)',
    ]);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(7);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).value).toBe('Acme;=HYPERLINK("http://evil.example","x")');
    expect(row.getCell(3).value).toBe(-1500);
    const created = row.getCell(4);
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    // The wall clock in São Paulo, not UTC's 02:30 of the next day.
    expect((created.value as Date).toISOString()).toBe('2024-03-04T23:30:00.000Z');
    expect(created.numFmt).toBe('yyyy-mm-dd hh:mm');
    // 7,500 s = 2:05, stored as a fraction of a day; ExcelJS reads a time-formatted number back as a Date on Excel's epoch.
    expect((row.getCell(5).value as Date).toISOString()).toBe('1899-12-30T02:05:00.000Z');
    expect(row.getCell(5).numFmt).toBe('[h]:mm');
    expect((row.getCell(6).value as Date).toISOString()).toBe('2024-03-04T23:30:00.000Z');
    expect(row.getCell(6).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(7).value).toBe(12.5);
    expect(row.getCell(8).value).toBeNull();
    expect(sheet.getRow(3).getCell(2).value).toBe('\u00A0=1+1');
    // No cell anywhere became a formula.
    sheet.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

describe('XLSX cells a workbook can hold (issue 21 review)', () => {
  it('drops U+FFFE, U+FFFF, lone surrogates and C0 controls, keeps pairs, and cuts at 32,767 characters with a marker', async () => {
    const long = `😀${'x'.repeat(40_000)}`;
    const columns = [{ id: 'name', header: 'Name\uFFFF', value: (row: { name: string }) => row.name }];
    const rows = [{ name: `A\uFFFEc\uD800me\u0001 😀 \uDC00ok` }, { name: long }];
    const sheet = await readBack(await leadsToXlsxBlob(rows, columns, { sheetName: 'Leads' }));
    expect(sheet.getCell('A1').value).toBe('Name');
    expect(sheet.getCell('A2').value).toBe('Acme 😀 ok');
    const cut = String(sheet.getCell('A3').value);
    expect(cut).toHaveLength(32_767);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('😀x')).toBe(true);
  });
});
