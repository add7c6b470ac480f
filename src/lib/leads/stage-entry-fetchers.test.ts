import { describe, expect, it } from 'vitest';
import { daysInStage } from './stage-entry-fetchers';

const now = Date.parse('2026-12-07T12:00:00Z');

describe('daysInStage: whole days since the lead entered its stage (Kommo event log)', () => {
  it('counts whole days from the move or the creation, and none when the log did not say', () => {
    expect(daysInStage({ kind: 'since', at: now / 1000 - 40 * 86_400 - 5, from: 'event' }, now)).toBe(40);
    expect(daysInStage({ kind: 'since', at: now / 1000 - 3600, from: 'created' }, now)).toBe(0);
    // A move stamped in the future by Kommo's clock reads 0, never a negative age.
    expect(daysInStage({ kind: 'since', at: now / 1000 + 600, from: 'event' }, now)).toBe(0);
    expect(daysInStage({ kind: 'unknown' }, now)).toBeNull();
    expect(daysInStage({ kind: 'refused' }, now)).toBeNull();
  });
});
