// page / limit / filter[id][] for the companion collections (everything but /leads, which uses
// the full LeadsQuery codec). Other parameters are ignored there, as Kommo does.
import { DEFAULT_LIMIT, MAX_FILTER_VALUES, MAX_LIMIT, type QueryIssue } from '@/kommo/leads-query';

export type ListQuery = { page: number; limit: number; ids: number[] | null; issues: QueryIssue[] };

const INT_RE = /^\d{1,16}$/;
const ID_KEY_RE = /^filter\[id\](?:\[\d*\])?$/;

export function parseListQuery(params: URLSearchParams, options: { maxPageSize?: number } = {}): ListQuery {
  const issues: QueryIssue[] = [];
  let page = 1;
  let limit = Math.min(DEFAULT_LIMIT, options.maxPageSize ?? DEFAULT_LIMIT);
  let ids: number[] | null = null;
  for (const [key, raw] of params) {
    const value = raw.trim();
    if (key === 'page' || key === 'limit') {
      const n = INT_RE.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n) || n < 1) {
        issues.push({ param: key, reason: 'not-an-integer', detail: `"${value.slice(0, 40)}" is not a whole number from 1` });
      } else if (key === 'limit' && n > MAX_LIMIT) {
        issues.push({ param: key, reason: 'limit-too-large', detail: `limit is at most ${MAX_LIMIT}` });
      } else if (key === 'page') {
        page = n;
      } else {
        // Some collections page by fewer (custom fields: 50); a larger limit is clamped, not refused.
        limit = Math.min(n, options.maxPageSize ?? MAX_LIMIT);
      }
    } else if (ID_KEY_RE.test(key)) {
      const list = (ids ??= []);
      for (const part of value.split(',')) {
        const p = part.trim();
        const n = INT_RE.test(p) ? Number(p) : NaN;
        if (!Number.isSafeInteger(n)) issues.push({ param: key, reason: 'not-an-integer', detail: `"${p.slice(0, 40)}" is not a whole number` });
        else if (list.length >= MAX_FILTER_VALUES) {
          issues.push({ param: key, reason: 'too-many-values', detail: `at most ${MAX_FILTER_VALUES} ids a request` });
          break;
        } else list.push(n);
      }
    }
  }
  return { page, limit, ids, issues };
}
