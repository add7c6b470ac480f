import { describe, expect, it } from 'vitest';
import { csvDialect, exportFileName, fileNamePart } from './export-leads';

describe('exportFileName', () => {
  it('dates the file in the account’s timezone, the calendar of every date inside it', () => {
    // 02:30 UTC on 5 March is still 4 March in São Paulo, and already 5 March in Tokyo.
    const at = new Date(Date.UTC(2024, 2, 5, 2, 30));
    expect(exportFileName(at, 'csv', 'America/Sao_Paulo')).toBe('leads-2024-03-04.csv');
    expect(exportFileName(at, 'csv', 'Asia/Tokyo')).toBe('leads-2024-03-05.csv');
  });

  it('falls back to UTC for a zone Intl cannot read', () => {
    expect(exportFileName(new Date(Date.UTC(2024, 2, 5, 2, 30)), 'csv', 'Mars/Olympus')).toBe('leads-2024-03-05.csv');
  });
});

describe('the view\u2019s name in the file name', () => {
  const at = new Date(Date.UTC(2024, 2, 5, 12, 0));
  it('names the file after the view, sanitized for every system', () => {
    expect(exportFileName(at, 'xlsx', 'UTC', 'Meus leads abertos')).toBe('leads-Meus-leads-abertos-2024-03-05.xlsx');
    expect(exportFileName(at, 'csv', 'UTC', '../Q1: São Paulo / "big" <deals>?')).toBe('leads-Q1-São-Paulo-big-deals-2024-03-05.csv');
    expect(exportFileName(at, 'csv', 'UTC', '...')).toBe('leads-2024-03-05.csv');
    expect(exportFileName(at, 'csv', 'UTC', null)).toBe('leads-2024-03-05.csv');
  });

  it('keeps a long name under 60 characters', () => {
    expect(fileNamePart('x'.repeat(200)).length).toBe(60);
  });

  it('Spanish and Portuguese get the semicolon dialect, English the comma one', () => {
    expect(csvDialect('es')).toEqual({ delimiter: ';', decimalComma: true });
    expect(csvDialect('pt')).toEqual({ delimiter: ';', decimalComma: true });
    expect(csvDialect('en')).toEqual({ delimiter: ',', decimalComma: false });
  });
});
