// Who a request comes from, for fair queueing without sign-in. The socket's address, unless it is
// one of TRUSTED_PROXIES: then the nearest address in X-Forwarded-For that is not a trusted proxy
// (anyone can write X-Forwarded-For; only our own proxy's last entry is believed). IPv6 addresses
// count by their /64: one household or office gets a /64, and a client rotating addresses inside it
// (privacy extensions hand out new ones freely) must not become many clients.
import { isIP } from 'node:net';

/** Expands an IPv6 address to its 8 groups; null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase().replace(/%.*$/, '');
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted !== null && dotted[1] !== undefined) {
    const parts = dotted[1].split('.').map(Number);
    const tail = [((parts[0] ?? 0) << 8) | (parts[1] ?? 0), ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)].map((n) => n.toString(16));
    text = text.slice(0, text.length - dotted[1].length) + tail.join(':');
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  const groups = [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
  return groups.length === 8 ? groups : null;
}

/** The address as a fairness key: IPv4 as is (an IPv4-mapped IPv6 address as its IPv4 self), IPv6 by its /64. */
export function clientKeyOfAddress(address: string): string {
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain;
  const groups = ipv6Groups(plain);
  if (groups === null) return plain;
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function normalise(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  return bare.startsWith('::ffff:') && isIP(bare.slice(7)) === 4 ? bare.slice(7) : bare;
}

/**
 * The client's address: the socket's, or, when the socket is a trusted proxy, the last address in
 * X-Forwarded-For that is not itself a trusted proxy (a chain of our own proxies is walked back).
 */
export function clientAddress(socketAddress: string, forwardedFor: string | undefined, trustedProxies: readonly string[]): string {
  const socket = normalise(socketAddress);
  if (forwardedFor === undefined || !trustedProxies.map(normalise).includes(socket)) return socket;
  const trusted = new Set(trustedProxies.map(normalise));
  const hops = forwardedFor
    .split(',')
    .map(normalise)
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (isIP(hop) === 0) return socket;
    if (!trusted.has(hop)) return hop;
  }
  return socket;
}
