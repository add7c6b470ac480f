// Pure mapping between the address bar's search string and the view's LeadsQuery. The view state
// is the filters, the order, the search text and the `with` options; paging belongs to the table.
import { encodeLeadsQuery, parseLeadsQuery, type LeadsQuery, type ParsedLeadsQuery } from '../../kommo/leads-query';

/** Parameters the codec understands but the view ignores, with the reason shown in the notice. */
const PAGING_PARAMS = ['page', 'limit'] as const;

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
    parsed = parseLeadsQuery(search);
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

/** The URL (path + search + hash) that shows the given view on the given location. */
export function viewHref(q: LeadsQuery, location: { pathname: string; hash: string }): string {
  const search = encodeViewSearch(q);
  return `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
}
