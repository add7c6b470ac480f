import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLeadsQuery } from './leads-query';
import { parseLeadsQuery } from './parse-leads-query';

describe('encodeLeadsQuery', () => {
  it('never throws on a lone surrogate and writes what URLSearchParams reads back', () => {
    const q = { query: 'a\uD800b', filter: { name: ['\uDC00x'] } };
    const search = encodeLeadsQuery(q);
    expect(parseLeadsQuery(search).query).toEqual({ query: 'a\uFFFDb', filter: { name: ['\uFFFDx'] } });
  });

  it('is total over any text in the search and name fields (property)', () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), (query, name) => {
        expect(() => encodeLeadsQuery({ query, filter: { name } })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
