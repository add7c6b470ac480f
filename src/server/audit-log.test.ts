import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditSink, createAuditLog } from './audit-log.ts';

describe('audit log (issue 21)', () => {
  it('writes one JSON object a line, with the time, to the AUDIT_LOG file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'klb-audit-')), 'audit.jsonl');
    const log = createAuditLog(auditSink(file), () => Date.UTC(2026, 11, 7, 4, 0, 0));
    log.record({ event: 'sign-in', outcome: 'refused', reason: 'expired', address: '203.0.113.7', via: 'kommo' });
    log.record({ event: 'export', userId: 7, address: '203.0.113.7', format: 'csv', view: '?query=acme', leads: 12 });
    // Appends are queued in order; wait until both are on disk.
    const read = () => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    };
    await expect.poll(() => read().split('\n').length).toBe(3);
    const lines = read()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { time: '2026-12-07T04:00:00.000Z', event: 'sign-in', outcome: 'refused', reason: 'expired', address: '203.0.113.7', via: 'kommo' },
      { time: '2026-12-07T04:00:00.000Z', event: 'export', userId: 7, address: '203.0.113.7', format: 'csv', view: '?query=acme', leads: 12 },
    ]);
  });
});
