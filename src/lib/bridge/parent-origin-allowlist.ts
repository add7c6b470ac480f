// Which pages may host the dashboard. The server hands over its CSP frame-ancestors sources
// (`https://*.kommo.com`, `https://acme.amocrm.ru`, ...); each becomes one anchored regular
// expression, where `*.` stands for exactly one subdomain label (`https://<subdomain>.kommo.com`).

export type OriginMatcher = (origin: string) => boolean;

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const SOURCE = /^(https?):\/\/(\*\.)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::(\d{1,5}|\*))?$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One source to an anchored regex, or null for what cannot name a trusted origin: bare schemes
 * (`https:`), `'self'`, `*`, sources without a scheme, paths. Refusing is the safe side.
 */
export function originPatternToRegExp(source: string): RegExp | null {
  const m = SOURCE.exec(source.trim());
  if (!m) return null;
  const [, scheme, wildcard, host, port] = m;
  const hostPart = `${wildcard ? `${LABEL}\\.` : ''}${escapeRegExp((host ?? '').toLowerCase())}`;
  const defaultPort = scheme === 'https' ? '443' : '80';
  // Browsers drop the default port from an origin, so `:443` on https matches no port at all.
  const portPart = port === undefined || port === defaultPort ? '' : port === '*' ? '(?::\\d{1,5})?' : `:${port}`;
  return new RegExp(`^${scheme?.toLowerCase()}://${hostPart}${portPart}$`);
}

/** Compiles the allowlist once; origins are compared lower-cased, as browsers serialise them. */
export function createOriginMatcher(sources: readonly string[]): OriginMatcher {
  const patterns = sources.map(originPatternToRegExp).filter((re): re is RegExp => re !== null);
  return (origin) => origin !== 'null' && patterns.some((re) => re.test(origin));
}
