// ≥1,000 hostile address-bar query strings against the app's URL parser: it never throws, never
// pollutes prototypes, keeps the valid part canonical, and names everything it ignored.
import { describe, expect, it } from 'vitest';
import { recordFigure } from '../../../e2e/chaos/chaos-figures';
import { generateHostileUrls, unaccountedParams } from '../../../e2e/chaos/hostile-urls';
import { encodeViewSearch, parseViewSearch } from './leads-url-codec';

const COUNT = 2_000;

describe('hostile URLs against the view parser', () => {
  const urls = generateHostileUrls(COUNT);

  it('parses each one without throwing or polluting Object.prototype, and re-encodes the valid part stably', () => {
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let crashed = 0;
    const failures: string[] = [];
    for (const { kind, search } of urls) {
      for (const input of [search, `?${search}`]) {
        try {
          const parsed = parseViewSearch(input);
          const canonical = encodeViewSearch(parsed.query);
          // The valid part is a fixed point: read back, it is the same view with nothing to report.
          const again = parseViewSearch(canonical);
          if (again.issues.length > 0 || encodeViewSearch(again.query) !== canonical) failures.push(`${kind}: not stable: ${search.slice(0, 120)}`);
        } catch (error) {
          crashed++;
          failures.push(`${kind}: threw ${String(error)} for ${search.slice(0, 120)}`);
        }
      }
    }
    const polluted =
      ({} as Record<string, unknown>).polluted !== undefined || Object.getOwnPropertyNames(Object.prototype).sort().join() !== protoKeys.join();
    recordFigure({ area: 'urls', source: 'view parser, in-process', tried: urls.length, bad: crashed + (polluted ? 1 : 0) });
    expect(polluted).toBe(false);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('names in the notice every parameter it did not apply', () => {
    const silent: string[] = [];
    let withNotice = 0;
    for (const { kind, search } of urls) {
      const parsed = parseViewSearch(search);
      if (parsed.issues.length > 0) withNotice++;
      const lost = unaccountedParams(search, parsed);
      if (lost.length > 0) silent.push(`${kind}: ${lost.join(' & ')}  <-  ${search.slice(0, 100)}`);
    }
    recordFigure({
      area: 'urls',
      source: 'view parser: ignored without notice',
      tried: urls.length,
      bad: silent.length,
      note: `counted as crashed: ignored silently; ${withNotice} answered with a notice`,
    });
    expect(withNotice).toBeGreaterThan(urls.length / 2);
    expect(silent.slice(0, 10)).toEqual([]);
  });

  it('covers every kind of hostile URL, and at least 1,000 of them', () => {
    expect(urls.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(urls.map((u) => u.kind)).size).toBe(7);
    expect(urls.some((u) => u.search.length > 5000)).toBe(true);
  });
});
