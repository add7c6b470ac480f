// The quick filters above the table (search, me, my team, pipeline, open leads only) as pure
// edits of the URL's view: each reads its state from the view and writes a new view, nothing else.
import { stagePairKey, type LeadsFilter, type LeadsQuery, type StagePair } from '@/kommo/leads-query';
import { openStages } from '@/kommo/pipeline-stages';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { User } from '@/kommo/user-schema';

export type QuickState = {
  search: string;
  me: boolean;
  team: boolean;
  /** The one pipeline the view is limited to, or null (all, or several). */
  pipelineId: number | null;
  openOnly: boolean;
};

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;
const pairKey = (p: StagePair) => stagePairKey(p.pipeline_id, p.status_id);

function groupIdsOf(user: User): number[] {
  const ids = new Set<number>();
  if (typeof user.rights?.group_id === 'number') ids.add(user.rights.group_id);
  // Kommo puts a user's groups under `_embedded.groups` (with=group); the schema keeps it loose.
  const embedded = (user as { _embedded?: { groups?: unknown } })._embedded?.groups;
  if (Array.isArray(embedded)) for (const g of embedded) if (typeof (g as { id?: unknown })?.id === 'number') ids.add((g as { id: number }).id);
  return [...ids];
}

/** The current user and the active users who share one of their groups; empty when the account does not say. */
export function teamIds(users: readonly User[], me: number | null): number[] {
  const self = users.find((u) => u.id === me);
  if (!self) return [];
  const groups = new Set(groupIdsOf(self));
  if (!groups.size) return [];
  return users.filter((u) => u.id === me || (u.rights?.is_active !== false && groupIdsOf(u).some((g) => groups.has(g)))).map((u) => u.id);
}

function withFilter(q: LeadsQuery, patch: Partial<Record<keyof LeadsFilter, unknown>>): LeadsQuery {
  const filter: Record<string, unknown> = { ...(q.filter ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete filter[key];
    else filter[key] = value;
  }
  const { filter: _old, ...rest } = q;
  return Object.keys(filter).length ? { ...rest, filter: filter as LeadsFilter } : rest;
}

/** True when the stages are exactly the open stages of the pipelines they belong to. */
function isOpenOnly(statuses: readonly StagePair[] | undefined, pipelines: readonly Pipeline[]): boolean {
  if (!statuses?.length) return false;
  const ids = new Set(statuses.map((s) => s.pipeline_id));
  const open = openStages(pipelines.filter((p) => ids.has(p.id)));
  const picked = new Set(statuses.map(pairKey));
  return open.length === picked.size && open.every((s) => picked.has(pairKey(s)));
}

function singlePipeline(q: LeadsQuery): number | null {
  if (Array.isArray(q.open)) return q.open.length === 1 ? (q.open[0] ?? null) : null;
  if (q.open === 'all') return null;
  const f = q.filter ?? {};
  if (f.pipeline_id?.length === 1) return f.pipeline_id[0] ?? null;
  if (f.pipeline_id?.length) return null;
  const ids = new Set((f.statuses ?? []).map((s) => s.pipeline_id));
  return ids.size === 1 ? ([...ids][0] ?? null) : null;
}

export function quickState(q: LeadsQuery, users: readonly User[], pipelines: readonly Pipeline[], me: number | null): QuickState {
  const responsible = q.filter?.responsible_user_id ?? [];
  const team = teamIds(users, me);
  return {
    search: q.query ?? '',
    me: me !== null && sameSet(responsible, [me]),
    team: team.length > 1 && sameSet(responsible, team),
    pipelineId: singlePipeline(q),
    // The rule, or an older link's explicit list of exactly the open stages.
    openOnly: q.open !== undefined || isOpenOnly(q.filter?.statuses, pipelines),
  };
}

export function withSearch(q: LeadsQuery, text: string): LeadsQuery {
  const { query: _q, ...rest } = q;
  const trimmed = text.trim();
  return trimmed ? { ...rest, query: trimmed } : rest;
}

export function withResponsible(q: LeadsQuery, ids: readonly number[] | null): LeadsQuery {
  return withFilter(q, { responsible_user_id: ids?.length ? [...ids] : undefined });
}

/** The view with the "open stages of these pipelines" rule instead of any pipeline or stage filter. */
function withOpenRule(q: LeadsQuery, pipelineId: number | null): LeadsQuery {
  const { open: _old, ...rest } = withFilter(q, { pipeline_id: undefined, statuses: undefined });
  return { ...rest, open: pipelineId === null ? 'all' : [pipelineId] };
}

function withoutOpenRule(q: LeadsQuery): LeadsQuery {
  const { open: _old, ...rest } = q;
  return rest;
}

/** Limits the view to one pipeline (null: all); with "open leads only" on, to its open stages (as the rule). */
export function withPipeline(q: LeadsQuery, pipelineId: number | null, pipelines: readonly Pipeline[]): LeadsQuery {
  if (q.open !== undefined || isOpenOnly(q.filter?.statuses, pipelines)) return withOpenRule(q, pipelineId);
  const kept = pipelineId === null ? undefined : (q.filter?.statuses ?? []).filter((s) => s.pipeline_id === pipelineId);
  return withFilter(q, { pipeline_id: pipelineId === null ? undefined : [pipelineId], statuses: kept?.length ? kept : undefined });
}

/**
 * On: the rule "open stages of the view's pipeline" (or of every active pipeline), resolved when the
 * list is built, so a stage added later is in. Off: any stage again.
 */
export function withOpenOnly(q: LeadsQuery, on: boolean): LeadsQuery {
  const pipelineId = singlePipeline(q);
  if (!on) return withFilter(withoutOpenRule(q), { statuses: undefined, pipeline_id: pipelineId === null ? undefined : [pipelineId] });
  return withOpenRule(q, pipelineId);
}
