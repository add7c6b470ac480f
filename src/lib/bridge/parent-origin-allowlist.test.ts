import { describe, expect, it } from 'vitest';
import { createOriginMatcher, originPatternToRegExp } from './parent-origin-allowlist';

describe('createOriginMatcher', () => {
  const isAllowed = createOriginMatcher(['https://*.kommo.com', 'https://*.amocrm.ru', 'https://legacy.amocrm.com', 'http://localhost:4541']);

  it('accepts exactly one subdomain label under a wildcard', () => {
    expect(isAllowed('https://acme.kommo.com')).toBe(true);
    expect(isAllowed('https://my-team2.kommo.com')).toBe(true);
    expect(isAllowed('https://acme.amocrm.ru')).toBe(true);
  });

  it('is anchored: no suffix, prefix, nesting, other scheme or port', () => {
    for (const origin of [
      'https://kommo.com',
      'https://a.b.kommo.com',
      'https://acme.kommo.com.evil.example',
      'https://evil-kommo.com',
      'https://acmekommo.com',
      'http://acme.kommo.com',
      'https://acme.kommo.com:8443',
      'https://-acme.kommo.com',
      'https://acme.kommo.comx',
      'null',
      '',
    ]) {
      expect(isAllowed(origin), origin).toBe(false);
    }
  });

  it('matches exact hosts and ports', () => {
    expect(isAllowed('https://legacy.amocrm.com')).toBe(true);
    expect(isAllowed('https://x.legacy.amocrm.com')).toBe(false);
    expect(isAllowed('http://localhost:4541')).toBe(true);
    expect(isAllowed('http://localhost:4542')).toBe(false);
    expect(isAllowed('http://localhost')).toBe(false);
  });

  it('refuses sources that cannot name a trusted origin', () => {
    for (const source of ["'self'", '*', 'https:', 'kommo.com', '*.kommo.com', 'https://*', 'https://a.kommo.com/path', 'javascript://x']) {
      expect(originPatternToRegExp(source), source).toBeNull();
    }
    expect(createOriginMatcher(['https:', '*'])('https://acme.kommo.com')).toBe(false);
  });

  it('treats the default port as no port, and :* as any port', () => {
    expect(createOriginMatcher(['https://acme.kommo.com:443'])('https://acme.kommo.com')).toBe(true);
    const anyPort = createOriginMatcher(['http://localhost:*']);
    expect(anyPort('http://localhost:1234')).toBe(true);
    expect(anyPort('http://localhost')).toBe(true);
  });
});
