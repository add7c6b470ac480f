import { describe, expect, it } from 'vitest';
import { candidateParentOrigin, isEmbedded, type EmbeddingProbe } from './embedding-probe';

const probe = (p: Partial<EmbeddingProbe>): EmbeddingProbe => ({
  search: '?embedded=1',
  hash: '',
  referrer: '',
  ancestorOrigins: null,
  framed: true,
  ...p,
});

describe('embedding probe', () => {
  it('is embedded only with ?embedded=1 inside a frame', () => {
    expect(isEmbedded(probe({}))).toBe(true);
    expect(isEmbedded(probe({ framed: false }))).toBe(false);
    expect(isEmbedded(probe({ search: '?embedded=0' }))).toBe(false);
    expect(isEmbedded(probe({ search: '' }))).toBe(false);
  });

  it('prefers ancestorOrigins, then the referrer, then the fragment hint', () => {
    expect(
      candidateParentOrigin(
        probe({ ancestorOrigins: ['https://acme.kommo.com'], referrer: 'https://other.kommo.com/leads', hash: '#klb-parent=https://x.kommo.com' }),
      ),
    ).toBe('https://acme.kommo.com');
    expect(candidateParentOrigin(probe({ referrer: 'https://acme.kommo.com/leads/list/?x=1' }))).toBe('https://acme.kommo.com');
    expect(candidateParentOrigin(probe({ hash: '#klb-parent=https%3A%2F%2Facme.kommo.com' }))).toBe('https://acme.kommo.com');
    expect(candidateParentOrigin(probe({}))).toBeNull();
    expect(candidateParentOrigin(probe({ referrer: 'not a url' }))).toBeNull();
  });
});
