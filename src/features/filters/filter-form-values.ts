// The filter form's values and their mapping to and from the URL's LeadsQuery. The form only ever
// starts from the URL (formValuesFromQuery) and only ever writes back through queryFromFormValues,
// so it cannot hold a second truth. Validation is pure and names a message key per field.
import {
  LEAD_WITH_VALUES,
  MAX_FILTER_VALUES,
  MAX_QUERY_LENGTH,
  parseInteger,
  parseStagePairKey,
  stagePairKey,
  type DateFilter,
  type DatePreset,
  type DatePresets,
  type LeadWith,
  type LeadsFilter,
  type LeadsQuery,
  type OrderDirection,
  type OrderField,
  type Range,
} from '@/kommo/leads-query';
import {
  calendarRangeToUnix,
  datePresetCalendar,
  QUICK_RANGES,
  quickRangeDates,
  unixRangeToCalendar,
  type CalendarRange,
} from '@/lib/time/account-time';
import type { FiltersMessageKey } from './filters-messages';

export const WITH_TOGGLES = LEAD_WITH_VALUES.filter((w): w is Exclude<LeadWith, 'only_deleted'> => w !== 'only_deleted');
export type WithToggle = (typeof WITH_TOGGLES)[number];

export type UserFilterField = 'responsible_user_id' | 'created_by' | 'updated_by';
export const USER_FILTER_FIELDS: readonly UserFilterField[] = ['responsible_user_id', 'created_by', 'updated_by'];

export type FilterFormValues = {
  query: string;
  ids: string[];
  names: string[];
  priceMode: 'exact' | 'range';
  priceExact: string;
  priceFrom: string;
  priceTo: string;
  responsible_user_id: string[];
  created_by: string[];
  updated_by: string[];
  pipeline_id: string[];
  /** `pipelineId:statusId`: status ids 142/143 repeat in every pipeline, so the pair is the key. */
  stages: string[];
  created_at: CalendarRange;
  updated_at: CalendarRange;
  closed_at: CalendarRange;
  closest_task_at: CalendarRange;
  orderField: OrderField | '';
  orderDirection: OrderDirection;
  with: WithToggle[];
  deletedOnly: boolean;
  /** The app's post-filter (`tasks=none`): Kommo has no such filter, the browser applies it. */
  withoutTasks: boolean;
};

export type FilterFormField = keyof FilterFormValues;

export const EMPTY_FILTER_FORM: FilterFormValues = {
  query: '',
  ids: [],
  names: [],
  priceMode: 'exact',
  priceExact: '',
  priceFrom: '',
  priceTo: '',
  responsible_user_id: [],
  created_by: [],
  updated_by: [],
  pipeline_id: [],
  stages: [],
  created_at: [null, null],
  updated_at: [null, null],
  closed_at: [null, null],
  closest_task_at: [null, null],
  orderField: '',
  orderDirection: 'desc',
  with: [],
  deletedOnly: false,
  withoutTasks: false,
};

const DATE_FIELDS: readonly DateFilter[] = ['created_at', 'updated_at', 'closed_at', 'closest_task_at'];

const str = (n: number | undefined) => (n === undefined ? '' : String(n));

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A date field's days: a rolling preset as the days it means now, else the fixed range. */
function dateValue(q: LeadsQuery, field: DateFilter, zone: string, now: number): CalendarRange {
  const preset = q.dates?.[field];
  return preset ? datePresetCalendar(preset, now, zone) : unixRangeToCalendar(q.filter?.[field], zone);
}

const sameDays = (a: CalendarRange, b: CalendarRange) => a[0] === b[0] && a[1] === b[1];

/** The quick range whose days these are today, if any: picking "This quarter" saves "this quarter". */
export function matchingQuickRange(picked: CalendarRange, zone: string, now = nowSeconds()): DatePreset | null {
  if (!picked[0] || !picked[1]) return null;
  return QUICK_RANGES.find((r) => sameDays(quickRangeDates(r, now, zone), picked)) ?? null;
}

/** The form's values for the view the URL shows (dates as calendar days in the account's zone). */
export function formValuesFromQuery(q: LeadsQuery, zone: string, now = nowSeconds()): FilterFormValues {
  const f = q.filter ?? {};
  const price = f.price;
  return {
    query: q.query ?? '',
    ids: (f.id ?? []).map(String),
    names: [...(f.name ?? [])],
    priceMode: price !== undefined && typeof price === 'object' ? 'range' : 'exact',
    priceExact: typeof price === 'number' ? String(price) : '',
    priceFrom: typeof price === 'object' ? str(price.from) : '',
    priceTo: typeof price === 'object' ? str(price.to) : '',
    responsible_user_id: (f.responsible_user_id ?? []).map(String),
    created_by: (f.created_by ?? []).map(String),
    updated_by: (f.updated_by ?? []).map(String),
    pipeline_id: (f.pipeline_id ?? []).map(String),
    stages: (f.statuses ?? []).map((s) => stagePairKey(s.pipeline_id, s.status_id)),
    created_at: dateValue(q, 'created_at', zone, now),
    updated_at: dateValue(q, 'updated_at', zone, now),
    closed_at: dateValue(q, 'closed_at', zone, now),
    closest_task_at: dateValue(q, 'closest_task_at', zone, now),
    orderField: q.order?.field ?? '',
    orderDirection: q.order?.direction ?? 'desc',
    with: (q.with ?? []).filter((w): w is WithToggle => w !== 'only_deleted'),
    deletedOnly: q.with?.includes('only_deleted') ?? false,
    withoutTasks: q.tasks === 'none',
  };
}

function toInts(values: readonly string[]): number[] {
  return values.map(parseInteger).filter((n): n is number => n !== null);
}

/**
 * A date range from the form. When the picked days are the ones the URL's range already shows,
 * the URL's exact seconds are kept, so applying an untouched form never rewrites a shared link.
 */
function dateRangeFromForm(picked: CalendarRange, previous: Range | undefined, zone: string): Range | undefined {
  const [pf, pt] = unixRangeToCalendar(previous, zone);
  const next = calendarRangeToUnix(picked, zone);
  if (!next) return undefined;
  const out: Range = {};
  if (next.from !== undefined) out.from = picked[0] === pf && previous?.from !== undefined ? previous.from : next.from;
  if (next.to !== undefined) out.to = picked[1] === pt && previous?.to !== undefined ? previous.to : next.to;
  return out;
}

/**
 * A field's rolling preset, if the picked days should roll: the URL's preset when the days are still
 * its days; else a quick range the days match, unless they are the URL's fixed range untouched.
 */
function presetFromForm(field: DateFilter, picked: CalendarRange, previous: LeadsQuery, zone: string, now: number): DatePreset | null {
  const before = previous.dates?.[field];
  if (before && sameDays(datePresetCalendar(before, now, zone), picked)) return before;
  if (previous.filter?.[field] && sameDays(unixRangeToCalendar(previous.filter[field], zone), picked)) return null;
  return matchingQuickRange(picked, zone, now);
}

/** The view the form describes. Call only on validated values; invalid entries are skipped. */
export function queryFromFormValues(v: FilterFormValues, zone: string, previous: LeadsQuery = {}, now = nowSeconds()): LeadsQuery {
  const q: LeadsQuery = {};
  const filter: LeadsFilter = {};
  const withs: LeadWith[] = [...v.with];
  if (v.deletedOnly) withs.push('only_deleted');
  if (withs.length) q.with = LEAD_WITH_VALUES.filter((w) => withs.includes(w));
  const search = v.query.trim();
  if (search) q.query = search;
  if (v.orderField) q.order = { field: v.orderField, direction: v.orderDirection };

  const ids = toInts(v.ids);
  if (ids.length) filter.id = ids;
  const names = v.names.map((n) => n.trim()).filter(Boolean);
  if (names.length) filter.name = names;
  for (const field of USER_FILTER_FIELDS) {
    const list = toInts(v[field]);
    if (list.length) filter[field] = list;
  }
  const pipelines = toInts(v.pipeline_id);
  if (pipelines.length) filter.pipeline_id = pipelines;

  if (v.priceMode === 'exact') {
    const exact = parseInteger(v.priceExact);
    if (exact !== null) filter.price = exact;
  } else {
    const from = parseInteger(v.priceFrom);
    const to = parseInteger(v.priceTo);
    if (from !== null || to !== null) filter.price = { ...(from !== null ? { from } : {}), ...(to !== null ? { to } : {}) };
  }

  const stages = v.stages.map(parseStagePairKey).filter((s): s is NonNullable<typeof s> => s !== null);
  if (stages.length) filter.statuses = stages;

  const dates: DatePresets = {};
  for (const field of DATE_FIELDS) {
    const preset = presetFromForm(field, v[field], previous, zone, now);
    if (preset) {
      dates[field] = preset;
      continue;
    }
    const range = dateRangeFromForm(v[field], previous.filter?.[field], zone);
    if (range) filter[field] = range;
  }

  if (Object.keys(filter).length) q.filter = filter;
  if (Object.keys(dates).length) q.dates = dates;
  if (v.withoutTasks) q.tasks = 'none';
  // The "open leads only" rule is the quick filter's (its chip removes it): the form keeps it unless
  // stages are picked here, which replace it, as they would in a link.
  if (previous.open !== undefined && !stages.length) q.open = previous.open;
  return q;
}

export type FormIssue = { field: FilterFormField; key: FiltersMessageKey; values?: Record<string, string | number> };

/** Every problem of the form, one per field at most, with the message that explains it. */
export function validateFilterForm(v: FilterFormValues): FormIssue[] {
  const issues: FormIssue[] = [];
  const tooMany = (field: FilterFormField, count: number) => {
    if (count > MAX_FILTER_VALUES) {
      issues.push({ field, key: 'errTooMany', values: { max: MAX_FILTER_VALUES, count } });
      return true;
    }
    return false;
  };

  if (v.query.trim().length > MAX_QUERY_LENGTH) issues.push({ field: 'query', key: 'errTooLong', values: { max: MAX_QUERY_LENGTH } });

  if (!tooMany('ids', v.ids.length)) {
    const bad = v.ids.find((id) => parseInteger(id) === null);
    if (bad !== undefined) issues.push({ field: 'ids', key: 'errNotANumber', values: { value: bad } });
  }
  if (!tooMany('names', v.names.length) && v.names.some((n) => n.trim().length > MAX_QUERY_LENGTH)) {
    issues.push({ field: 'names', key: 'errTooLong', values: { max: MAX_QUERY_LENGTH } });
  }
  for (const field of [...USER_FILTER_FIELDS, 'pipeline_id', 'stages'] as const) tooMany(field, v[field].length);

  const priceField = (field: 'priceExact' | 'priceFrom' | 'priceTo'): number | null => {
    const raw = v[field].trim();
    if (!raw) return null;
    const n = parseInteger(raw);
    if (n === null) {
      issues.push({ field, key: /^-\d/.test(raw) ? 'errNegative' : 'errNotANumber', values: { value: raw } });
      return null;
    }
    return n;
  };
  if (v.priceMode === 'exact') priceField('priceExact');
  else {
    const from = priceField('priceFrom');
    const to = priceField('priceTo');
    if (from !== null && to !== null && from > to) issues.push({ field: 'priceTo', key: 'errFromAfterTo' });
  }

  for (const field of DATE_FIELDS) {
    const [from, to] = v[field];
    if (from && to && from > to) issues.push({ field, key: 'errFromAfterTo' });
  }
  // Kommo's closest-task range only matches leads that have a task: both together show nothing.
  if (v.withoutTasks && (v.closest_task_at[0] || v.closest_task_at[1])) issues.push({ field: 'withoutTasks', key: 'errWithoutTasksAndRange' });
  return issues;
}
