// DNS rebinding: a page on an attacker's domain that re-resolves to this server's address is "same
// origin" with it under the attacker's name, and could read the proxy's answers, made with a real
// account's token. So the server answers only under names it was told are its own: loopback names,
// PUBLIC_URL's host and ALLOWED_HOSTS, whatever address it listens on (a 0.0.0.0 bind, a hosts
// alias or ::ffff:127.0.0.1 all receive rebound requests just the same).

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for the addresses that only this machine can reach. */
export function isLoopbackAddress(host: string): boolean {
  const name = host.toLowerCase();
  return LOOPBACK_HOSTS.has(name) || /^127(?:\.\d{1,3}){3}$/.test(name) || /^\[?::ffff:127(?:\.\d{1,3}){3}\]?$/.test(name);
}

/** The host name of a Host header value, without its port, lower-cased. */
export function hostHeaderName(value: string): string {
  const host = value.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.replace(/:\d*$/, '');
}

export type HostGuardOptions = {
  /** PUBLIC_URL, whose host is accepted; null when not configured. */
  publicUrl: string | null;
  /** ALLOWED_HOSTS: further host names (no port), lower-case. */
  allowedHosts?: readonly string[];
};

/** The Host check: loopback names, `*.localhost`, PUBLIC_URL's host and ALLOWED_HOSTS; anything else is refused. */
export function createHostGuard({ publicUrl, allowedHosts = [] }: HostGuardOptions): (hostHeader: string) => boolean {
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  if (publicUrl !== null) allowed.add(new URL(publicUrl).hostname.toLowerCase());
  return (hostHeader) => {
    const name = hostHeaderName(hostHeader);
    if (name === '') return false;
    return isLoopbackAddress(name) || name.endsWith('.localhost') || allowed.has(name);
  };
}
