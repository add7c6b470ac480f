// Views every account gets, from the account's pipelines and current user. "Open" is the rule
// `open=all` (resolved when the list is built), so a stage added later is in every saved copy. Their dates are rolling
// presets (`date[closed_at]=thisMonth`, `date[closest_task_at]=beforeNow`): resolved when the leads
// are fetched, so a saved or shared link of one stays this month, and "overdue" stays overdue now.
import type { LeadsQuery, StagePair } from '@/kommo/leads-query';
import { activePipelines, LOST_STATUS_ID, WON_STATUS_ID } from '@/kommo/pipeline-stages';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { LocalSort } from '@/lib/url-state/leads-url-codec';

export const BUILT_IN_VIEWS = ['needsAttention', 'myOpenLeads', 'wonThisMonth', 'lostThisMonth', 'overdueTasks', 'withoutTasks'] as const;
export type BuiltInViewId = (typeof BUILT_IN_VIEWS)[number];

export type BuiltInContext = { currentUserId: number | null; pipelines: Pipeline[] };

/** Why a built-in view cannot be offered here, or null when it can. */
export type Unavailable = 'noCurrentUser' | 'noPipelines';

const active = activePipelines;

function closedStages(pipelines: Pipeline[], statusId: number): StagePair[] {
  // 142 and 143 exist in every pipeline: one (pipeline, status) pair per pipeline.
  return active(pipelines).map((p) => ({ pipeline_id: p.id, status_id: statusId }));
}

/** Views mine by definition: they need to know who "me" is. */
const MINE: ReadonlySet<BuiltInViewId> = new Set(['needsAttention', 'myOpenLeads', 'overdueTasks']);

/**
 * The browser-side order a built-in view opens with (the `sort=` parameter). Kommo's API orders by
 * created_at, updated_at or id only (the reference's `order`), so "soonest due first" is a sort of
 * the loaded leads: a view of one page sorts at once, a longer one after Load all (the note says so).
 */
export const BUILT_IN_SORT: Partial<Record<BuiltInViewId, LocalSort>> = {
  overdueTasks: { column: 'closest_task_at', direction: 'asc' },
  // Worst first: the attention column ranks an overdue task above no task above no change (lead-attention.ts).
  needsAttention: { column: 'attention', direction: 'desc' },
};

/** The column a built-in view is about, shown right after the name when the view is chosen. */
export const BUILT_IN_COLUMN: Partial<Record<BuiltInViewId, string>> = { overdueTasks: 'closest_task_at', needsAttention: 'attention' };

export function builtInUnavailable(id: BuiltInViewId, ctx: BuiltInContext): Unavailable | null {
  if (MINE.has(id) && ctx.currentUserId === null) return 'noCurrentUser';
  if (active(ctx.pipelines).length === 0) return 'noPipelines';
  return null;
}

/** The view, or null when it cannot be expressed for this account (see builtInUnavailable). */
export function builtInView(id: BuiltInViewId, ctx: BuiltInContext): LeadsQuery | null {
  if (builtInUnavailable(id, ctx)) return null;
  switch (id) {
    case 'needsAttention':
      // My open leads, by Kommo's id order (stable while the view is walked); the browser ranks them by
      // why each needs action (BUILT_IN_SORT), so the ones that need nothing come last.
      return { order: { field: 'id', direction: 'asc' }, filter: { responsible_user_id: [ctx.currentUserId ?? 0] }, open: 'all' };
    case 'myOpenLeads':
      return {
        order: { field: 'updated_at', direction: 'desc' },
        filter: { responsible_user_id: [ctx.currentUserId ?? 0] },
        open: 'all',
      };
    case 'wonThisMonth':
      return {
        order: { field: 'updated_at', direction: 'desc' },
        filter: { statuses: closedStages(ctx.pipelines, WON_STATUS_ID) },
        dates: { closed_at: 'thisMonth' },
      };
    case 'lostThisMonth':
      return {
        with: ['loss_reason'],
        order: { field: 'updated_at', direction: 'desc' },
        filter: { statuses: closedStages(ctx.pipelines, LOST_STATUS_ID) },
        dates: { closed_at: 'thisMonth' },
      };
    case 'overdueTasks':
      // Mine: the closest task is the next unfinished one; when it was due before now, the lead is late.
      // Open stages only: a won or lost lead's leftover task is not a deal waiting on anyone. No
      // Kommo order: the view opens sorted by due date in the browser (BUILT_IN_SORT).
      return {
        filter: { responsible_user_id: [ctx.currentUserId ?? 0] },
        dates: { closest_task_at: 'beforeNow' },
        open: 'all',
      };
    case 'withoutTasks':
      // Kommo has no "no task" filter: `tasks` is the app's post-filter, applied in the browser to
      // each page of the open stages (closed leads rarely need a task). Stalest first.
      return { order: { field: 'updated_at', direction: 'asc' }, tasks: 'none', open: 'all' };
  }
}
