// Views every account gets, from the account's pipelines and current user. Their dates are rolling
// presets (`date[closed_at]=thisMonth`, `date[closest_task_at]=beforeNow`): resolved when the leads
// are fetched, so a saved or shared link of one stays this month, and "overdue" stays overdue now.
import type { LeadsQuery, StagePair } from '../../kommo/leads-query';
import { activePipelines, LOST_STATUS_ID, openStages, WON_STATUS_ID } from '../../kommo/pipeline-stages';
import type { Pipeline } from '../../kommo/schemas';

export const BUILT_IN_VIEWS = ['myOpenLeads', 'wonThisMonth', 'lostThisMonth', 'overdueTasks', 'withoutTasks'] as const;
export type BuiltInViewId = (typeof BUILT_IN_VIEWS)[number];

export type BuiltInContext = { currentUserId: number | null; pipelines: Pipeline[] };

/** Why a built-in view cannot be offered here, or null when it can. */
export type Unavailable = 'noCurrentUser' | 'noPipelines';

const active = activePipelines;

function closedStages(pipelines: Pipeline[], statusId: number): StagePair[] {
  // 142 and 143 exist in every pipeline: one (pipeline, status) pair per pipeline.
  return active(pipelines).map((p) => ({ pipeline_id: p.id, status_id: statusId }));
}

export function builtInUnavailable(id: BuiltInViewId, ctx: BuiltInContext): Unavailable | null {
  if (id === 'myOpenLeads' && ctx.currentUserId === null) return 'noCurrentUser';
  if (active(ctx.pipelines).length === 0) return 'noPipelines';
  return null;
}

/** The view, or null when it cannot be expressed for this account (see builtInUnavailable). */
export function builtInView(id: BuiltInViewId, ctx: BuiltInContext): LeadsQuery | null {
  if (builtInUnavailable(id, ctx)) return null;
  switch (id) {
    case 'myOpenLeads':
      return {
        order: { field: 'updated_at', direction: 'desc' },
        filter: { responsible_user_id: [ctx.currentUserId ?? 0], statuses: openStages(active(ctx.pipelines)) },
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
      // The closest task is the next unfinished one; when it was due before now, the lead is late.
      // Open stages only: a won or lost lead's leftover task is not a deal waiting on anyone.
      return {
        order: { field: 'updated_at', direction: 'asc' },
        filter: { statuses: openStages(active(ctx.pipelines)) },
        dates: { closest_task_at: 'beforeNow' },
      };
    case 'withoutTasks':
      // Kommo has no "no task" filter: `tasks` is the app's post-filter, applied in the browser to
      // each page of the open stages (closed leads rarely need a task). Stalest first.
      return { order: { field: 'updated_at', direction: 'asc' }, filter: { statuses: openStages(active(ctx.pipelines)) }, tasks: 'none' };
  }
}
