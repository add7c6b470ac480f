import { describe, expect, it } from 'vitest';
import { toShareableUrl } from './shareable-url';

describe('toShareableUrl', () => {
  const embeddedHref = 'https://dash.internal:8443/?embedded=1&sort=price&pipeline=3#klb-parent=https://acme.kommo.com';

  it('keeps the href when standalone', () => {
    expect(toShareableUrl('https://dash.example.com/?sort=price', false, 'https://x.example')).toBe('https://dash.example.com/?sort=price');
  });

  it('drops the embedded marker and the fragment, keeping the view', () => {
    expect(toShareableUrl(embeddedHref, true, null)).toBe('https://dash.internal:8443/?sort=price&pipeline=3');
  });

  it('rebases onto PUBLIC_URL, with or without a path', () => {
    expect(toShareableUrl(embeddedHref, true, 'https://leads.example.com')).toBe('https://leads.example.com/?sort=price&pipeline=3');
    expect(toShareableUrl(embeddedHref, true, 'https://example.com/leads')).toBe('https://example.com/leads/?sort=price&pipeline=3');
    expect(toShareableUrl('https://d.internal/?embedded=1', true, 'https://example.com/leads/')).toBe('https://example.com/leads/');
  });
});
