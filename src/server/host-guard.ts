// A page on an attacker's domain that re-resolves to 127.0.0.1 (DNS rebinding) would be "same origin"
// with this server and could read the proxy's answers, made with a real account's token. A loopback
// server therefore answers API calls only under loopback names or the configured PUBLIC_URL's host.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for the addresses that only this machine can reach. */
export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The host name of a Host header value, without its port, lower-cased. */
export function hostHeaderName(value: string): string {
  const host = value.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d*$/, '');
}

/** The Host check for a loopback server: loopback names, `*.localhost`, and PUBLIC_URL's host. */
export function createLoopbackHostGuard(publicUrl: string | null): (hostHeader: string) => boolean {
  const publicHost = publicUrl === null ? null : new URL(publicUrl).hostname.toLowerCase();
  return (hostHeader) => {
    const name = hostHeaderName(hostHeader);
    return isLoopbackAddress(name) || name.endsWith('.localhost') || (publicHost !== null && name === publicHost);
  };
}
