// Pure mapping between the address bar's search string and the view's LeadsQuery. The view state
// is the filters, the order, the search text and the `with` options; paging belongs to the table.
import { encodeLeadsQuery, parseLeadsQuery, type LeadsQuery, type ParsedLeadsQuery } from '../../kommo/leads-query';

/** Parameters the codec understands but the view ignores, with the reason shown in the notice. */
const PAGING_PARAMS = ['page', 'limit'] as const;

/**
 * The app's own parameters, not Kommo's: `embedded=1` is how the widget opens the app in its iframe.
 * They are neither part of the view nor "ignored": they ride along unchanged when the view changes.
 */
export const APP_PARAMS: Readonly<Record<string, string>> = { embedded: '1' };

/** True for an app parameter with its one meaningful value; any other value is reported like garbage. */
export function isAppParam(name: string, value: string): boolean {
  return Object.hasOwn(APP_PARAMS, name) && APP_PARAMS[name] === value;
}

function splitAppParams(search: string): { kommo: string; app: string } {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  const app = new URLSearchParams();
  for (const [name, value] of [...params]) {
    if (!isAppParam(name, value)) continue;
    app.set(name, value);
    params.delete(name, value);
  }
  // Rebuilt only when an app parameter was present, so Kommo's brackets stay as the user wrote them.
  return app.size === 0 ? { kommo: search, app: '' } : { kommo: params.toString(), app: app.toString() };
}

/** Removes paging from a query: the table pages itself, so a view never pins a page. */
export function toViewQuery(q: LeadsQuery): LeadsQuery {
  const { page: _page, limit: _limit, ...view } = q;
  return view;
}

/**
 * Parses a search string (with or without '?') leniently: the valid part is the view, everything
 * else becomes an issue. Never throws, whatever the input.
 */
export function parseViewSearch(search: string): ParsedLeadsQuery {
  let parsed: ParsedLeadsQuery;
  try {
    parsed = parseLeadsQuery(splitAppParams(search).kommo);
  } catch {
    // parseLeadsQuery is written not to throw; this guard keeps a future regression off the page.
    return { query: {}, issues: [{ param: '?', reason: 'unknown-parameter', detail: 'the address could not be read' }] };
  }
  const issues = [...parsed.issues];
  for (const param of PAGING_PARAMS) {
    if (parsed.query[param] !== undefined) {
      issues.push({ param, reason: 'unknown-parameter', detail: 'the table loads pages itself, so a link does not pin a page' });
    }
  }
  return { query: toViewQuery(parsed.query), issues };
}

/** The canonical search string of a view ('' for no filter), in Kommo's parameter names. */
export function encodeViewSearch(q: LeadsQuery): string {
  return encodeLeadsQuery(toViewQuery(q));
}

/** True when two queries describe the same view (compared through their canonical encoding). */
export function sameView(a: LeadsQuery, b: LeadsQuery): boolean {
  return encodeViewSearch(a) === encodeViewSearch(b);
}

/** The search string (without '?') of a view on a page whose current search is `currentSearch`. */
export function viewSearch(q: LeadsQuery, currentSearch = ''): string {
  const app = splitAppParams(currentSearch).app;
  return [app, encodeViewSearch(q)].filter(Boolean).join('&');
}

/** The URL (path + search + hash) that shows the given view on the given location, keeping the app's own parameters. */
export function viewHref(q: LeadsQuery, location: { pathname: string; hash: string; search?: string }): string {
  const search = viewSearch(q, location.search);
  return `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
}
