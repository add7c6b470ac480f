// The demo's stage moves, as Kommo's event log tells them (`lead_status_changed`, value_after /
// value_before `[{lead_status: {id, pipeline_id}}]`: src/kommo/fixtures/real/
// kommo-docs-events-lead-status-changed.json). Each generated lead walked its pipeline's open stages
// in order from its creation to the stage it is in now, entering that one at a moment between its
// creation and its last change; a closed lead moved to won or lost at its closing date. Derived from
// the lead alone (seeded by its id), so the history is the same on every start and costs nothing
// until asked.
import { LOST_STATUS_ID, WON_STATUS_ID } from './demo-reference';
import type { DemoData, DemoLead } from './demo-data';
import { createRandom, mixSeed } from './prng';

export type DemoStage = { id: number; pipeline_id: number };
export type DemoStageMove = { leadId: number; at: number; before: DemoStage; after: DemoStage; by: number };

export type DemoStageHistory = {
  /** The generated moves of one lead, oldest first (none for a lead still in the stage it was created in). */
  movesOf(lead: DemoLead): readonly DemoStageMove[];
};

export function createDemoStageHistory(data: DemoData): DemoStageHistory {
  const openStages = new Map(
    data.pipelines.map((p) => [p.id, p._embedded.statuses.filter((s) => s.id !== WON_STATUS_ID && s.id !== LOST_STATUS_ID).map((s) => s.id)]),
  );
  const cache = new Map<number, readonly DemoStageMove[]>();

  function generate(lead: DemoLead): DemoStageMove[] {
    const open = openStages.get(lead.pipeline_id) ?? [];
    const r = createRandom(mixSeed(data.seed, lead.id, 0x57a6e));
    const closed = lead.status_id === WON_STATUS_ID || lead.status_id === LOST_STATUS_ID;
    // The open stages walked: up to the current one, or, for a closed lead, up to where it was closed from.
    const reached = closed ? r.int(0, Math.max(0, open.length - 1)) : Math.max(0, open.indexOf(lead.status_id));
    const end = closed
      ? (lead.closed_at ?? lead.updated_at)
      : lead.created_at + Math.round((lead.updated_at - lead.created_at) * (0.2 + 0.8 * r.next()));
    const walkEnd = closed ? lead.created_at + Math.round((end - lead.created_at) * (0.3 + 0.6 * r.next())) : end;
    const stage = (id: number): DemoStage => ({ id, pipeline_id: lead.pipeline_id });
    const moves: DemoStageMove[] = [];
    for (let k = 1; k <= reached; k++) {
      const from = open[k - 1];
      const to = open[k];
      if (from === undefined || to === undefined) break;
      const at = lead.created_at + Math.round(((walkEnd - lead.created_at) * k) / reached);
      moves.push({ leadId: lead.id, at, before: stage(from), after: stage(to), by: lead.updated_by });
    }
    if (closed) {
      const from = open[reached] ?? open[0];
      if (from !== undefined)
        moves.push({ leadId: lead.id, at: Math.max(end, walkEnd), before: stage(from), after: stage(lead.status_id), by: lead.updated_by });
    }
    return moves;
  }

  return {
    movesOf(lead) {
      let moves = cache.get(lead.id);
      if (!moves) {
        moves = generate(lead);
        cache.set(lead.id, moves);
      }
      return moves;
    },
  };
}
