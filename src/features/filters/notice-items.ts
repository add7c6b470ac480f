// The URL notice's lines: each ignored parameter named as the filter panel names it ("Responsible
// user", not `filter[responsible_user_id][]`), repeats of the same problem folded into one line.
import type { QueryIssue, QueryIssueReason } from '@/kommo/leads-query';
import type { FiltersMessageKey } from './filters-messages';

export type NoticeItem = { key: string; label: FiltersMessageKey | null; raw: string; reason: QueryIssueReason; count: number };

const FIELD_LABEL: Record<string, FiltersMessageKey> = {
  query: 'search',
  with: 'withTitle',
  order: 'orderField',
  tasks: 'withoutTasks',
  open: 'quickOpenOnly',
  id: 'ids',
  name: 'names',
  price: 'price',
  responsible_user_id: 'responsible',
  created_by: 'createdBy',
  updated_by: 'updatedBy',
  pipeline_id: 'pipelines',
  statuses: 'stages',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  closed_at: 'closedAt',
  closest_task_at: 'closestTaskAt',
};

/** The panel's name for a parameter (`filter[created_at][from]` → "Created"), or null for one it has not got. */
export function panelLabel(param: string): FiltersMessageKey | null {
  const top = /^([a-z_]+)/.exec(param)?.[1] ?? '';
  const inner = /^(?:filter|date)\[([a-z_]+)\]/.exec(param)?.[1];
  if (top === 'filter' || top === 'date') return inner ? (FIELD_LABEL[inner] ?? null) : null;
  return FIELD_LABEL[top] ?? null;
}

export function noticeItems(issues: readonly QueryIssue[]): NoticeItem[] {
  const items = new Map<string, NoticeItem>();
  for (const issue of issues) {
    const label = panelLabel(issue.param);
    const key = `${label ?? issue.param}|${issue.reason}`;
    const seen = items.get(key);
    if (seen) seen.count += 1;
    else items.set(key, { key, label, raw: issue.param, reason: issue.reason, count: 1 });
  }
  return [...items.values()];
}
