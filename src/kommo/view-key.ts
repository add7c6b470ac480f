// The one identity of a view: which leads, in which order. Equal views give equal keys whatever
// their key order or paging; `with` (what the visible columns ask Kommo for) is not part of a view.
// The list query, load all, saved views, the table's progress and reset, and the local copy's
// index all key by it; the app URL writes the same text (leads-url-codec's encodeViewSearch).
import { DATE_FILTERS, encodeLeadsQuery, type LeadsQuery } from './leads-query';

/** The app's "leads without tasks" parameter: not Kommo's, so encodeLeadsQuery leaves it out. */
export const TASKS_PARAM = 'tasks';

/** `filter[…]…&order[…]=…&date[closed_at]=thisMonth&tasks=none` in a fixed order; '' for every lead. */
export function viewKey(view: LeadsQuery): string {
  const { page: _page, limit: _limit, with: _with, ...rest } = view;
  const kommo = encodeLeadsQuery(rest);
  const dates = DATE_FILTERS.flatMap((field) => (view.dates?.[field] ? [`date[${field}]=${view.dates[field]}`] : []));
  return [kommo, ...dates, view.tasks === undefined ? '' : `${TASKS_PARAM}=${view.tasks}`].filter(Boolean).join('&');
}
