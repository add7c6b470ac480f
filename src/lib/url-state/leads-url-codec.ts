// Pure mapping between the address bar's search string and the view's LeadsQuery. The view state
// is the filters, the order, the search text, the `with` options and the app's own `tasks=none`
// post-filter; paging belongs to the table.
import {
  DATE_FILTERS,
  DATE_PRESETS,
  encodeLeadsQuery,
  MAX_FILTER_VALUES,
  parseInteger,
  TASKS_FILTER_VALUES,
  type DateFilter,
  type DatePreset,
  type DatePresets,
  toLeadsView,
  type LeadsQuery,
  type LeadsView,
  type OpenStagesRule,
  type ParsedLeadsQuery,
  type QueryIssue,
  type TasksFilter,
} from '@/kommo/leads-query';
import { parseLeadsQuery } from '@/kommo/parse-leads-query';
import { OPEN_PARAM, TASKS_PARAM, viewKey } from '@/kommo/view-key';

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

/**
 * The app's browser-side sort (`sort=price:desc`, `sort=cf_123:asc`): any column, applied only when
 * every lead of the view is in the browser, since Kommo orders by id, created_at and updated_at
 * only. Not part of the view (no refetch, not saved with a view): it rides along like `embedded`,
 * so a sort asked before "Load all" applies once all leads are there.
 */
export const SORT_PARAM = 'sort';
export type LocalSort = { column: string; direction: 'asc' | 'desc' };
const SORT_RE = /^([a-z][a-z0-9_]{0,40}):(asc|desc)$/;

export function parseLocalSort(value: string): LocalSort | null {
  const match = SORT_RE.exec(value.trim());
  if (!match) return null;
  return { column: match[1] ?? '', direction: match[2] === 'asc' ? 'asc' : 'desc' };
}

export function formatLocalSort(sort: LocalSort): string {
  return `${sort.column}:${sort.direction}`;
}

/**
 * The app's rolling date ranges: `date[closed_at]=thisMonth`, `date[closest_task_at]=beforeNow`. Part
 * of the view, never sent to Kommo: the fetch layer turns them into `filter[…][from|to]` seconds
 * when it asks, so a saved or shared view does not go stale.
 */
const DATE_PARAM_RE = /^date\[([^\]]*)\]$/;

type SplitSearch = { kommo: string; app: string; tasks: string[]; sorts: string[]; dates: [string, string][]; open: string[] };

function splitAppParams(search: string): SplitSearch {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  const app = new URLSearchParams();
  const tasks = params.getAll(TASKS_PARAM);
  const sorts = params.getAll(SORT_PARAM);
  const open = params.getAll(OPEN_PARAM);
  params.delete(TASKS_PARAM);
  params.delete(SORT_PARAM);
  params.delete(OPEN_PARAM);
  const dates: [string, string][] = [];
  for (const [name, value] of [...params]) {
    const date = DATE_PARAM_RE.exec(name);
    if (date) {
      dates.push([date[1] ?? '', value]);
      params.delete(name, value);
      continue;
    }
    if (!isAppParam(name, value)) continue;
    app.set(name, value);
    params.delete(name, value);
  }
  const sort = sorts.map(parseLocalSort).find((s) => s !== null);
  if (sort) app.set(SORT_PARAM, formatLocalSort(sort));
  // Rebuilt only when an app parameter was present, so Kommo's brackets stay as the user wrote them.
  if (app.size === 0 && tasks.length === 0 && sorts.length === 0 && dates.length === 0 && open.length === 0)
    return { kommo: search, app: '', tasks, sorts, dates, open };
  // App values are plain tokens ('1', 'price:desc'): written as they are, so a link stays readable.
  const appText = [...app].map(([name, value]) => `${name}=${value}`).join('&');
  return { kommo: params.toString(), app: appText, tasks, sorts, dates, open };
}

/** Names every `sort` value that is not the one applied: unreadable ones and repeats. */
function readSortIssues(values: readonly string[], issues: QueryIssue[]): void {
  let kept = false;
  for (const raw of values) {
    if (parseLocalSort(raw) === null)
      issues.push({
        param: SORT_PARAM,
        reason: 'invalid-direction',
        detail: `"${raw.slice(0, 40)}" is not a column and asc or desc (e.g. price:desc)`,
      });
    else if (kept) issues.push({ param: SORT_PARAM, reason: 'several-orders', detail: 'only one sort at a time; the first was kept' });
    else kept = true;
  }
}

/** The browser-side sort a search string asks for, or null. */
export function readLocalSort(search: string): LocalSort | null {
  const value = new URLSearchParams(splitAppParams(search).app).get(SORT_PARAM);
  return value === null ? null : parseLocalSort(value);
}

/** The search string (without '?') with the browser-side sort replaced (null removes it); the rest byte for byte. */
export function withLocalSort(currentSearch: string, sort: LocalSort | null): string {
  const kept = currentSearch
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && part.split('=')[0] !== SORT_PARAM);
  if (sort) kept.push(`${SORT_PARAM}=${formatLocalSort(sort)}`);
  return kept.join('&');
}

const isDateField = (value: string): value is DateFilter => (DATE_FILTERS as readonly string[]).includes(value);
const isDatePreset = (value: string): value is DatePreset => (DATE_PRESETS as readonly string[]).includes(value);

/** Reads the `date[field]=preset` values: a preset replaces a fixed range of the same field. */
function readDateParams(values: readonly [string, string][], query: LeadsView, issues: QueryIssue[]): LeadsView {
  if (!values.length) return query;
  const dates: DatePresets = {};
  for (const [field, raw] of values) {
    const value = raw.trim();
    const param = `date[${field.slice(0, 40)}]`;
    if (!isDateField(field)) issues.push({ param, reason: 'unknown-parameter', detail: `not one of ${DATE_FILTERS.join(', ')}` });
    else if (!isDatePreset(value))
      issues.push({ param, reason: 'out-of-range', detail: `"${value.slice(0, 40)}" is not one of ${DATE_PRESETS.join(', ')}` });
    else if (dates[field] !== undefined) issues.push({ param, reason: 'several-orders', detail: 'given twice; the first was kept' });
    else dates[field] = value;
  }
  const fields = DATE_FILTERS.filter((f) => dates[f] !== undefined);
  if (!fields.length) return query;
  const filter = { ...(query.filter ?? {}) };
  for (const field of fields) {
    if (filter[field] === undefined) continue;
    issues.push({ param: `filter[${field}]`, reason: 'several-orders', detail: `the rolling date[${field}] was kept instead of the fixed range` });
    delete filter[field];
  }
  const { filter: _old, ...rest } = query;
  const ordered: DatePresets = {};
  for (const field of fields) ordered[field] = dates[field];
  return { ...rest, ...(Object.keys(filter).length ? { filter } : {}), dates: ordered };
}

function isTasksFilter(value: string): value is TasksFilter {
  return (TASKS_FILTER_VALUES as readonly string[]).includes(value);
}

/** Reads the `tasks` values of a URL: the first valid one wins, everything else is an issue. */
function readTasksParam(values: readonly string[], query: LeadsQuery, issues: QueryIssue[]): TasksFilter | undefined {
  let tasks: TasksFilter | undefined;
  for (const raw of values) {
    const value = raw.trim();
    if (!value) issues.push({ param: TASKS_PARAM, reason: 'empty', detail: 'an empty tasks filter was ignored' });
    else if (!isTasksFilter(value))
      issues.push({ param: TASKS_PARAM, reason: 'out-of-range', detail: `"${value.slice(0, 40)}" is not one of ${TASKS_FILTER_VALUES.join(', ')}` });
    else if (tasks !== undefined) issues.push({ param: TASKS_PARAM, reason: 'several-orders', detail: 'given twice; the first was kept' });
    else tasks = value;
  }
  // Kommo's closest-task range only matches leads that have a task: together they can show nothing.
  if (tasks !== undefined && (query.filter?.closest_task_at !== undefined || query.dates?.closest_task_at !== undefined)) {
    issues.push({ param: TASKS_PARAM, reason: 'several-orders', detail: 'a closest-task range only matches leads with a task; the range was kept' });
    return undefined;
  }
  return tasks;
}

/** One `open` value: `all`, or pipeline ids separated by commas; null when it is neither. */
function parseOpenRule(raw: string): OpenStagesRule | null {
  const value = raw.trim();
  if (value === 'all') return 'all';
  const ids = value.split(',').map(parseInteger);
  if (!ids.length || ids.length > MAX_FILTER_VALUES || ids.some((id) => id === null)) return null;
  return [...new Set(ids as number[])];
}

/**
 * Reads the `open` rule ("open stages of these pipelines"): the first readable value wins. The rule
 * replaces a stage list of the same link (both at once cannot be what was meant: the rule is kept).
 */
function readOpenParam(values: readonly string[], query: LeadsView, issues: QueryIssue[]): LeadsView {
  let rule: OpenStagesRule | undefined;
  for (const raw of values) {
    const parsed = parseOpenRule(raw);
    if (parsed === null)
      issues.push({
        param: OPEN_PARAM,
        reason: 'out-of-range',
        detail: `"${raw.slice(0, 40)}" is neither all nor pipeline ids (e.g. open=all, open=3,7)`,
      });
    else if (rule !== undefined) issues.push({ param: OPEN_PARAM, reason: 'several-orders', detail: 'given twice; the first was kept' });
    else rule = parsed;
  }
  if (rule === undefined) return query;
  if (!query.filter?.statuses) return { ...query, open: rule };
  issues.push({ param: 'filter[statuses]', reason: 'several-orders', detail: 'the open-leads rule (open=…) was kept instead of the stage list' });
  const { statuses: _dropped, ...filter } = query.filter;
  const { filter: _old, ...rest } = query;
  return { ...rest, ...(Object.keys(filter).length ? { filter } : {}), open: rule };
}

/** A URL read as a view: paging is dropped (the table pages itself, so a view never pins a page). */
export type ParsedLeadsView = { query: LeadsView; issues: QueryIssue[] };

/**
 * Parses a search string (with or without '?') leniently: the valid part is the view, everything
 * else becomes an issue. Never throws, whatever the input.
 */
export function parseViewSearch(search: string): ParsedLeadsView {
  let parsed: ParsedLeadsQuery;
  let split: SplitSearch;
  try {
    split = splitAppParams(search);
    parsed = parseLeadsQuery(split.kommo);
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
  const query = readOpenParam(split.open, readDateParams(split.dates, toLeadsView(parsed.query), issues), issues);
  readSortIssues(split.sorts, issues);
  const tasks = readTasksParam(split.tasks, query, issues);
  return { query: tasks === undefined ? query : { ...query, tasks }, issues };
}

/**
 * The canonical search string of a view ('' for no filter), in Kommo's parameter names plus the app's
 * `date[…]`, `tasks` and `open`: the view's key (src/kommo/view-key), after the `with=` it may carry.
 */
export function encodeViewSearch(q: LeadsQuery): string {
  const withPart = q.with?.length ? encodeLeadsQuery({ with: q.with }) : '';
  return [withPart, viewKey(q)].filter(Boolean).join('&');
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
