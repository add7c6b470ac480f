import { describe, expect, it } from 'vitest';
import { BYTES_PER_LEAD, estimateLocalCopy, LEADS_PER_SECOND } from './local-copy-estimate';

describe('estimateLocalCopy', () => {
  it('scales the bench’s measured figures by the account’s lead count', () => {
    // The bench's own run: 100,000 leads, 179.6 MB, 92.95 s.
    expect(estimateLocalCopy(100_000)).toEqual({ leads: 100_000, seconds: 93, bytes: 179_600_000 });
    expect(estimateLocalCopy(1500)).toEqual({ leads: 1500, seconds: Math.ceil(1500 / LEADS_PER_SECOND), bytes: 1500 * BYTES_PER_LEAD });
    expect(estimateLocalCopy(0)).toEqual({ leads: 0, seconds: 0, bytes: 0 });
  });
});
