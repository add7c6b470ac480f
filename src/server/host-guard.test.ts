import { describe, expect, it } from 'vitest';
import { createLoopbackHostGuard, hostHeaderName, isLoopbackAddress } from './host-guard.ts';

describe('loopback host guard', () => {
  it('accepts loopback names with or without port', () => {
    const allow = createLoopbackHostGuard(null);
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST', 'app.localhost:4510', '127.0.0.2']) expect(allow(host), host).toBe(true);
  });

  it('refuses other names unless they are PUBLIC_URL host', () => {
    expect(createLoopbackHostGuard(null)('rebound.evil.example')).toBe(false);
    expect(createLoopbackHostGuard(null)('')).toBe(false);
    expect(createLoopbackHostGuard(null)('localhost.evil.example')).toBe(false);
    const allow = createLoopbackHostGuard('https://leads.example.com/');
    expect(allow('leads.example.com')).toBe(true);
    expect(allow('leads.example.com.evil.example')).toBe(false);
  });

  it('parses Host header names', () => {
    expect(hostHeaderName('[::1]:80')).toBe('[::1]');
    expect(hostHeaderName('Example.COM:8080')).toBe('example.com');
    expect(isLoopbackAddress('0.0.0.0')).toBe(false);
  });
});
