import { describe, expect, it } from 'vitest';
import { clientAddress, clientKeyOfAddress } from './client-address.ts';

describe('client address: who a request comes from without sign-in (issue 21)', () => {
  it('groups IPv6 addresses by their /64, keeps IPv4 as is and unwraps IPv4-mapped addresses', () => {
    expect(clientKeyOfAddress('2001:db8:abcd:12:1111:2222:3333:4444')).toBe('2001:db8:abcd:12::/64');
    expect(clientKeyOfAddress('2001:0db8:abcd:0012::9')).toBe('2001:db8:abcd:12::/64');
    expect(clientKeyOfAddress('2001:db8:abcd:13::9')).not.toBe(clientKeyOfAddress('2001:db8:abcd:12::9'));
    expect(clientKeyOfAddress('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOfAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOfAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('believes X-Forwarded-For only from a trusted proxy, walking back through trusted hops', () => {
    expect(clientAddress('198.51.100.9', '203.0.113.7', [])).toBe('198.51.100.9');
    expect(clientAddress('198.51.100.9', '203.0.113.7', ['10.0.0.1'])).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.1', '203.0.113.7', ['10.0.0.1'])).toBe('203.0.113.7');
    // A client's own forged entry sits left of what our proxy appended: the proxy's entry wins.
    expect(clientAddress('10.0.0.1', '1.2.3.4, 203.0.113.7', ['10.0.0.1'])).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.1', '203.0.113.7, 10.0.0.2', ['10.0.0.1', '10.0.0.2'])).toBe('203.0.113.7');
    expect(clientAddress('::ffff:10.0.0.1', '2001:db8::5', ['10.0.0.1'])).toBe('2001:db8::5');
    expect(clientAddress('10.0.0.1', 'not-an-address', ['10.0.0.1'])).toBe('10.0.0.1');
  });
});
