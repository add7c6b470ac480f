import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { leadSchema, type Lead, type LeadWire } from '@/kommo/lead-schema';
import { formatMessage } from '@/lib/i18n/define-messages';
import { leadColumnMessages, type LeadColumnTexts } from '@/lib/leads-list/lead-column-messages';
import { buildExportColumns, type ExportReference } from './lead-export-columns';
import { XLSX_TEST_REFERENCE } from './xlsx-test-reference.testing';
import { leadsToXlsxBlob, XLSX_MIME_TYPE } from './leads-to-xlsx';
import { leadsToXlsxInWorker, type XlsxProgress, type XlsxWorkerLike } from './xlsx-in-worker';
import type { XlsxAnswer, XlsxRequest } from './xlsx-protocol';
import type { ExcelModule } from './xlsx-sheet-writer';
import { createXlsxWorkerHandler } from './xlsx-worker-handler';
import { XlsxWorkerError } from './xlsx-worker-error';

const labels: LeadColumnTexts = (key, values) => formatMessage(leadColumnMessages.en[key], values, 'en');

const ref: ExportReference = { ...XLSX_TEST_REFERENCE, datePatterns: { dateTime: 'd.m.Y H:i', date: 'd.m.Y' } };

const lead = (wire: Partial<LeadWire>): Lead => leadSchema.parse({ id: 1, updated_at: 0, ...wire });

// 600 leads: more than one slice, and more than the 500 rows the widths are measured on.
const LEADS: Lead[] = Array.from({ length: 600 }, (_, i) =>
  lead({
    id: 1000 + i,
    name: i === 550 ? 'A name far longer than any other in this view, past the 500 rows' : `Deal ${i} with ACME Industrial`,
    price: i % 7 === 0 ? null : i * 100.5,
    created_at: 1_700_000_000 + i * 3600,
    custom_fields_values:
      i % 3 === 0
        ? [
            { field_id: 102, field_type: 'date', values: [{ value: 1_700_000_000 + i * 86_400 }] },
            { field_id: 100, field_type: 'numeric', values: [{ value: String(i / 4) }] },
          ]
        : [],
  }),
);
const COLUMNS = buildExportColumns(['id', 'name', 'price', 'created_at', 'cf_102', 'cf_100'], ref, labels);

type FakeWorker = XlsxWorkerLike & { terminated: boolean; received: XlsxRequest['type'][] };

/** A worker that runs the real worker's handler in this process, with structured clones as the browser makes them. */
function inProcessWorker(excel: ExcelModule, options: { dieOn?: XlsxRequest['type'] } = {}): FakeWorker {
  let queue = Promise.resolve();
  const worker: FakeWorker = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    terminated: false,
    received: [],
    postMessage(message) {
      if (worker.terminated) return;
      const copy = structuredClone(message);
      worker.received.push(copy.type);
      if (options.dieOn === copy.type) {
        setTimeout(() => worker.onerror?.({ message: 'Uncaught RangeError: Array buffer allocation failed', preventDefault() {} } as ErrorEvent));
        return;
      }
      queue = queue.then(() => handle(copy));
    },
    terminate() {
      worker.terminated = true;
    },
  };
  const handle = createXlsxWorkerHandler(excel, (answer, transfer) => {
    const copy: XlsxAnswer = structuredClone(answer, transfer ? { transfer } : undefined);
    setTimeout(() => {
      if (!worker.terminated) worker.onmessage?.({ data: copy } as MessageEvent<XlsxAnswer>);
    });
  });
  return worker;
}

async function readBack(blob: Blob): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await blob.arrayBuffer());
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

function describeSheet(sheet: ExcelJS.Worksheet) {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return {
    name: sheet.name,
    frozen: sheet.views[0],
    widths: sheet.columns.map((_, i) => sheet.getColumn(i + 1).width),
    formats: sheet.columns.map((_, i) => sheet.getRow(2).getCell(i + 1).numFmt ?? null),
    bold: sheet.getRow(1).font?.bold,
    rows,
  };
}

describe('the XLSX written by the worker', () => {
  it('opens with the same rows, widths and number formats as the workbook written on one thread', async () => {
    const progress: XlsxProgress[] = [];
    const worker = inProcessWorker(ExcelJS);
    let clock = 0;
    const blob = await leadsToXlsxInWorker(LEADS, COLUMNS, {
      sheetName: 'Leads: [all]',
      createWorker: () => worker,
      onProgress: (p) => progress.push(p),
      // Each clock read moves 2.5 ms: a slice of 8 ms holds four batches of 50 rows, so 600 rows go in 3 messages.
      now: () => (clock += 2.5),
      yieldToEventLoop: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
    expect(blob.type).toBe(XLSX_MIME_TYPE);
    expect(worker.received).toEqual(['start', 'rows', 'rows', 'rows', 'end']);
    expect(worker.terminated).toBe(true);

    const fromWorker = describeSheet(await readBack(blob));
    const onThread = describeSheet(await readBack(await leadsToXlsxBlob(LEADS, COLUMNS, { sheetName: 'Leads: [all]' })));
    expect(fromWorker).toEqual(onThread);

    // What a user sees, spelled out: 600 leads under one header, readable widths, the account's date format.
    expect(fromWorker.rows).toHaveLength(601);
    expect(fromWorker.name).toBe('Leads   all');
    expect(fromWorker.frozen).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(fromWorker.bold).toBe(true);
    expect(fromWorker.rows[0]).toEqual(['ID', 'Name', 'Price', 'Created at (America/Sao_Paulo)', 'Signed', 'Budget']);
    // Name fits the longest name of the first 500 rows ("Deal 499 with ACME Industrial", 29 + 2), not the one at row 551;
    // Price's 9 is ExcelJS's default width, which it leaves unwritten.
    expect(fromWorker.widths).toEqual([8, 31, undefined, 32, 12, 8]);
    expect(fromWorker.formats).toEqual([null, null, null, 'dd.mm.yyyy hh:mm', 'dd.mm.yyyy', null]);
    expect(fromWorker.rows[1]).toEqual([
      1000,
      'Deal 0 with ACME Industrial',
      undefined,
      new Date('2023-11-14T19:13:20.000Z'),
      new Date('2023-11-14T19:13:20.000Z'),
      0,
    ]);
    expect(fromWorker.rows[2]?.[2]).toBe(100.5);
    expect(fromWorker.rows[551]?.[1]).toBe('A name far longer than any other in this view, past the 500 rows');

    expect(progress[0]).toEqual({ phase: 'rows', done: 0, total: 600 });
    expect(progress.filter((p) => p.phase === 'rows').map((p) => (p.phase === 'rows' ? p.done : -1))).toEqual([0, 200, 400, 600]);
    expect(progress.at(-1)).toEqual({ phase: 'zip', total: 600 });
  });

  it('Cancel stops the worker at once: no file, nothing more sent', async () => {
    const worker = inProcessWorker(ExcelJS);
    const controller = new AbortController();
    const written = leadsToXlsxInWorker(LEADS, COLUMNS, {
      sheetName: 'Leads',
      createWorker: () => worker,
      signal: controller.signal,
      sliceMs: 0,
      onProgress: (p) => {
        if (p.phase === 'rows' && p.done >= 100) controller.abort();
      },
    });
    await expect(written).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.terminated).toBe(true);
    expect(worker.received).not.toContain('end');
  });

  it('an error inside the worker rejects with its message, and the page can export again', async () => {
    const broken = {
      ...ExcelJS,
      Workbook: class extends ExcelJS.Workbook {
        constructor() {
          super();
          Object.defineProperty(this, 'xlsx', { value: { writeBuffer: () => Promise.reject(new Error('zip ran out of memory')) } });
        }
      },
    } as ExcelModule;
    const failed = leadsToXlsxInWorker(LEADS.slice(0, 10), COLUMNS, { sheetName: 'Leads', createWorker: () => inProcessWorker(broken) });
    await expect(failed).rejects.toBeInstanceOf(XlsxWorkerError);
    await expect(failed).rejects.toThrow('zip ran out of memory');

    const again = await leadsToXlsxInWorker(LEADS.slice(0, 10), COLUMNS, { sheetName: 'Leads', createWorker: () => inProcessWorker(ExcelJS) });
    expect((await readBack(again)).rowCount).toBe(11);
  });

  it('a worker that dies without a word rejects with what the browser said', async () => {
    const worker = inProcessWorker(ExcelJS, { dieOn: 'end' });
    const failed = leadsToXlsxInWorker(LEADS.slice(0, 10), COLUMNS, { sheetName: 'Leads', createWorker: () => worker });
    await expect(failed).rejects.toThrow(/Array buffer allocation failed/);
    expect(worker.terminated).toBe(true);
  });
});
