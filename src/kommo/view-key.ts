// The one identity of a view: which leads, in which order. Equal views give equal keys whatever
// their key order or paging; `with` (what the visible columns ask Kommo for) is not part of a view.
// The list query, load all, saved views, the table's progress and reset, and the local copy's
// index all key by it; the app URL writes the same text (leads-url-codec's encodeViewSearch).
import { DATE_FILTERS, encodeLeadsQuery, type LeadsQuery, type OpenStagesRule } from './leads-query';

/** The app's "leads without tasks" parameter: not Kommo's, so encodeLeadsQuery leaves it out. */
export const TASKS_PARAM = 'tasks';
/** The app's "open stages of these pipelines" rule (`open=all`, `open=3,7`): resolved when the list is built. */
export const OPEN_PARAM = 'open';

/** The rule as the URL writes it: `all`, or pipeline ids in ascending order (equal rules, equal text). */
export function formatOpenRule(rule: OpenStagesRule): string {
  return rule === 'all' ? 'all' : [...new Set(rule)].sort((a, b) => a - b).join(',');
}

/** `filter[…]…&order[…]=…&date[closed_at]=thisMonth&tasks=none&open=all` in a fixed order; '' for every lead. */
export function viewKey(view: LeadsQuery): string {
  const { page: _page, limit: _limit, with: _with, open, ...rest } = view;
  const kommo = encodeLeadsQuery(rest);
  const dates = DATE_FILTERS.flatMap((field) => (view.dates?.[field] ? [`date[${field}]=${view.dates[field]}`] : []));
  return [
    kommo,
    ...dates,
    view.tasks === undefined ? '' : `${TASKS_PARAM}=${view.tasks}`,
    open === undefined ? '' : `${OPEN_PARAM}=${formatOpenRule(open)}`,
  ]
    .filter(Boolean)
    .join('&');
}
