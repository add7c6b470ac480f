// Stages as views use them. Kommo gives every pipeline the same two closed stages, 142 ("Closed -
// won") and 143 ("Closed - lost"); every other stage of a pipeline is open.
import type { StagePair } from './leads-query';
import type { Pipeline } from './schemas';

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
