import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-leads';

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
