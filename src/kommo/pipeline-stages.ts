// Stages as views use them. Kommo gives every pipeline the same two closed stages, 142 ("Closed -
// won") and 143 ("Closed - lost"); every other stage of a pipeline is open.
import type { LeadsQuery, OpenStagesRule, StagePair } from './leads-query';
import type { Pipeline } from './pipeline-schema';

export const WON_STATUS_ID = 142;
export const LOST_STATUS_ID = 143;

export const activePipelines = (pipelines: readonly Pipeline[]) => pipelines.filter((p) => !p.is_archive);

/** The open stages of the given pipelines, in each pipeline's order, as (pipeline, status) pairs. */
export function openStages(pipelines: readonly Pipeline[]): StagePair[] {
  return pipelines.flatMap((p) =>
    [...p._embedded.statuses]
      .sort((a, b) => a.sort - b.sort)
      .filter((s) => s.id !== WON_STATUS_ID && s.id !== LOST_STATUS_ID)
      .map((s) => ({ pipeline_id: p.id, status_id: s.id })),
  );
}

/** The pipelines an "open leads only" rule names: every active one for `'all'`, else those of its ids that exist. */
export function openRulePipelines(rule: OpenStagesRule, pipelines: readonly Pipeline[]): Pipeline[] {
  if (rule === 'all') return activePipelines(pipelines);
  const ids = new Set(rule);
  return pipelines.filter((p) => ids.has(p.id));
}

/**
 * The view as Kommo is asked it: the "open leads only" rule becomes the open stages of its pipelines
 * as the pipelines reference lists them now (a stage added since the view was saved is in). The rule
 * replaces any stage list of its own; other filters stay (Kommo ANDs them). When the named pipelines
 * are gone, `filter[pipeline_id]` keeps their ids, which match no lead, rather than showing every lead.
 */
export function resolveOpenStages<Q extends LeadsQuery>(view: Q, pipelines: readonly Pipeline[]): Q {
  if (view.open === undefined) return view;
  const { open: rule, ...rest } = view;
  const stages = openStages(openRulePipelines(rule, pipelines));
  const filter = { ...(view.filter ?? {}) };
  if (stages.length > 0) filter.statuses = stages;
  else {
    delete filter.statuses;
    if (rule !== 'all') filter.pipeline_id = [...rule];
  }
  return (Object.keys(filter).length > 0 ? { ...rest, filter } : rest) as Q;
}
