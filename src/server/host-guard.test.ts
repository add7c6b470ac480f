import { describe, expect, it } from 'vitest';
import { createHostGuard, hostHeaderName, isLoopbackAddress } from './host-guard.ts';

describe('host guard', () => {
  it('accepts loopback names with or without port', () => {
    const allow = createHostGuard({ publicUrl: null });
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST', 'app.localhost:4510', '127.0.0.2', '[::ffff:127.0.0.1]:3000'])
      expect(allow(host), host).toBe(true);
  });

  it('refuses other names unless they are PUBLIC_URL host or in ALLOWED_HOSTS', () => {
    const loopbackOnly = createHostGuard({ publicUrl: null });
    for (const host of ['rebound.evil.example', '', 'localhost.evil.example', '0.0.0.0:3000', '192.168.1.20:3000'])
      expect(loopbackOnly(host), host).toBe(false);
    const allow = createHostGuard({ publicUrl: 'https://leads.example.com/', allowedHosts: ['leads.internal', '10.0.0.5'] });
    expect(allow('leads.example.com')).toBe(true);
    expect(allow('LEADS.internal:3000')).toBe(true);
    expect(allow('10.0.0.5:3000')).toBe(true);
    expect(allow('leads.example.com.evil.example')).toBe(false);
    expect(allow('evil.leads.internal')).toBe(false);
  });

  it('parses Host header names', () => {
    expect(hostHeaderName('[::1]:80')).toBe('[::1]');
    expect(hostHeaderName('Example.COM:8080')).toBe('example.com');
    expect(isLoopbackAddress('0.0.0.0')).toBe(false);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
  });
});
