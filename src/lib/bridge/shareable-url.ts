// "Copy link" inside Kommo: the iframe's own URL carries `?embedded=1` and opens a bare dashboard
// that waits for a parent. The shareable link drops that marker and, when PUBLIC_URL is set,
// points at the standalone deployment, keeping the path and the view's query (filters, sort).
import { EMBEDDED_PARAM } from './embedding-probe';

export function toShareableUrl(currentHref: string, embedded: boolean, publicUrl: string | null): string {
  if (!embedded) return currentHref;
  const current = new URL(currentHref);
  const params = new URLSearchParams(current.search);
  params.delete(EMBEDDED_PARAM);
  const search = params.toString();
  let target: URL;
  if (publicUrl === null) {
    target = new URL(current.pathname, current.origin);
  } else {
    const base = new URL(publicUrl);
    if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
    target = new URL(current.pathname.replace(/^\/+/, ''), base);
  }
  target.search = search;
  return target.href;
}
