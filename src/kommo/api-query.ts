// The query every API path takes, as the app writes it (the leads list has its own codec,
// leads-query.ts). The proxy refuses anything else before it reaches Kommo: `/contacts?query=…`
// would otherwise run Kommo's full-text search over every contact with the server's token.

type ValueRule = (value: string) => boolean;

const positiveInteger: ValueRule = (v) => /^\d{1,15}$/.test(v) && Number(v) > 0;
const wholeNumber: ValueRule = (v) => /^\d{1,15}$/.test(v);
const upTo250: ValueRule = (v) => positiveInteger(v) && Number(v) <= 250;
const word: ValueRule = (v) => /^[a-z_]{1,40}$/.test(v);
const commaList =
  (allowed: readonly string[]): ValueRule =>
  (v) =>
    v.split(',').every((item) => allowed.includes(item));

const PAGED: Record<string, ValueRule> = { page: positiveInteger, limit: upTo250 };
/** Contacts and companies are only ever read by id, at most 250 a request. */
const BY_IDS: Record<string, ValueRule> = { 'filter[id][]': positiveInteger, limit: upTo250 };

const RULES: ReadonlyArray<readonly [RegExp, Record<string, ValueRule>]> = [
  [/^\/api\/v4\/account$/, { with: commaList(['datetime_settings', 'users_groups', 'is_api_filter_enabled']) }],
  [/^\/api\/v4\/leads\/pipelines$/, {}],
  [/^\/api\/v4\/leads\/loss_reasons$/, {}],
  [/^\/api\/v4\/sources$/, {}],
  [/^\/api\/v4\/leads\/custom_fields$/, PAGED],
  [/^\/api\/v4\/leads\/tags$/, PAGED],
  [/^\/api\/v4\/catalogs$/, PAGED],
  [/^\/api\/v4\/users$/, { ...PAGED, with: commaList(['group', 'role']) }],
  [/^\/api\/v4\/contacts$/, BY_IDS],
  [/^\/api\/v4\/companies$/, BY_IDS],
  // A chained list's catalog is also read whole, a few pages (entity-fetchers.ts, fetchCatalogElements).
  [/^\/api\/v4\/catalogs\/\d{1,12}\/elements$/, { ...BY_IDS, page: positiveInteger }],
  [
    /^\/api\/v4\/events$/,
    {
      ...PAGED,
      'filter[type]': word,
      'filter[entity]': word,
      'filter[created_at][from]': wholeNumber,
      'filter[created_at][to]': wholeNumber,
      // The attention view's time in a stage: the stage moves of the leads on screen, 10 a request.
      'filter[entity_id][]': positiveInteger,
    },
  ],
];

export type QueryIssue = { param: string; detail: string };

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * What in `query` the path does not take: unknown parameters and unreadable values. Null for a path
 * without rules here (the leads list, read by its own codec).
 */
export function apiQueryIssues(path: string, query: string): QueryIssue[] | null {
  const rules = RULES.find(([re]) => re.test(path))?.[1];
  if (rules === undefined) return null;
  const issues: QueryIssue[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const rawKey = decode(at === -1 ? pair : pair.slice(0, at));
    const value = decode(at === -1 ? '' : pair.slice(at + 1));
    // An indexed array key (`filter[id][3]`) is the same parameter as `filter[id][]`.
    const key = rawKey.replace(/\[\d{1,4}\]$/, '[]');
    const rule = rules[key];
    if (rule === undefined) issues.push({ param: rawKey, detail: 'not a parameter the app sends to this path' });
    else if (!rule(value)) issues.push({ param: rawKey, detail: `"${value.slice(0, 40)}" is not a value the app sends` });
  }
  return issues;
}
