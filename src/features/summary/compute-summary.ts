// Totals of a loaded set of leads: count, sum and average price; by stage, by responsible user,
// won against lost with loss reasons. Pure, and computable in time slices so that 100,000 leads
// never block the main thread for more than a few milliseconds at a time.
import { stagePairKey } from '@/kommo/leads-query';
import type { Lead } from '@/kommo/lead-schema';
import type { LossReason } from '@/kommo/loss-reason-schema';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { User } from '@/kommo/user-schema';
import { buildLeadLookups } from '@/lib/reference-data/lead-reference';

/** Kommo's fixed closing stages, present in every pipeline (keyed with the pipeline, never alone). */
export const WON_STATUS_ID = 142;
export const LOST_STATUS_ID = 143;

export type SummaryReferences = {
  pipelines: readonly Pipeline[];
  users: readonly User[];
  lossReasons: readonly LossReason[];
};

export type Totals = { count: number; sum: number };

/** Users ordered by what the chart shows: the larger sum (or count) first, then the other, then a stable tie-break. */
export function sortUserBuckets(buckets: readonly UserBucket[], by: 'count' | 'sum'): UserBucket[] {
  const primary = (b: UserBucket) => (by === 'sum' ? b.sum : b.count);
  const secondary = (b: UserBucket) => (by === 'sum' ? b.count : b.sum);
  return [...buckets].sort((a, b) => primary(b) - primary(a) || secondary(b) - secondary(a) || (a.userId ?? -1) - (b.userId ?? -1));
}

/** The stage buckets grouped by pipeline, in the order they come (Kommo's order); leads without a pipeline last. */
export function stagesByPipeline(
  byStage: readonly StageBucket[],
): { pipelineId: number | null; pipelineName: string | null; stages: StageBucket[] }[] {
  const groups = new Map<number | null, { pipelineId: number | null; pipelineName: string | null; stages: StageBucket[] }>();
  for (const bucket of byStage) {
    let group = groups.get(bucket.pipelineId);
    if (!group) {
      group = { pipelineId: bucket.pipelineId, pipelineName: bucket.pipelineName, stages: [] };
      groups.set(bucket.pipelineId, group);
    }
    group.stages.push(bucket);
  }
  return [...groups.values()];
}

/** `pipelineId:statusId`, or `none:none` for leads without a stage (deleted leads). */
export type StageKey = string;

export type StageBucket = Totals & {
  key: StageKey;
  pipelineId: number | null;
  statusId: number | null;
  /** Null when the stage is not in /leads/pipelines (deleted or archived): the UI names it. */
  statusName: string | null;
  pipelineName: string | null;
  /** `#rrggbb` from Kommo; null for an unknown stage. */
  color: string | null;
};

export type UserBucket = Totals & {
  /** Null for unassigned leads. */
  userId: number | null;
  name: string | null;
  /** Null when the user is not in /users. */
  active: boolean | null;
};

export type LossReasonBucket = Totals & { lossReasonId: number | null; name: string | null };

export type LeadsSummary = Totals & {
  /** Null for an empty set (no average of nothing). */
  average: number | null;
  byStage: StageBucket[];
  byUser: UserBucket[];
  won: Totals;
  lost: Totals;
  open: Totals;
  /** Among lost leads only; `lossReasonId: null` is "no reason given". Largest count first. */
  lossReasons: LossReasonBucket[];
  /** Won leads over closed ones (won + lost), by count, 0..1; null while nothing is closed. */
  winRate: number | null;
};

type Accumulator = {
  count: number;
  sum: number;
  // Nested by number (pipeline, then status): no string key is built per lead.
  stages: Map<number | null, Map<number | null, Totals>>;
  users: Map<number | null, Totals>;
  won: Totals;
  lost: Totals;
  open: Totals;
  lossReasons: Map<number | null, Totals & { embeddedName: string | null }>;
};

function createAccumulator(): Accumulator {
  return {
    count: 0,
    sum: 0,
    stages: new Map(),
    users: new Map(),
    won: { count: 0, sum: 0 },
    lost: { count: 0, sum: 0 },
    open: { count: 0, sum: 0 },
    lossReasons: new Map(),
  };
}

function add(totals: Totals, price: number): void {
  totals.count += 1;
  totals.sum += price;
}

function addLead(acc: Accumulator, lead: Lead): void {
  // Kommo sends price 0 or null for "no budget"; both count as 0 so count and average agree.
  const price = lead.price ?? 0;
  acc.count += 1;
  acc.sum += price;

  let pipeline = acc.stages.get(lead.pipeline_id);
  if (!pipeline) {
    pipeline = new Map();
    acc.stages.set(lead.pipeline_id, pipeline);
  }
  let stage = pipeline.get(lead.status_id);
  if (!stage) {
    stage = { count: 0, sum: 0 };
    pipeline.set(lead.status_id, stage);
  }
  add(stage, price);

  let user = acc.users.get(lead.responsible_user_id);
  if (!user) {
    user = { count: 0, sum: 0 };
    acc.users.set(lead.responsible_user_id, user);
  }
  add(user, price);

  if (lead.status_id === WON_STATUS_ID) add(acc.won, price);
  else if (lead.status_id === LOST_STATUS_ID) {
    add(acc.lost, price);
    // loss_reason_id is on every lead; the embedded reason (with=loss_reason) also carries the name.
    const embedded = lead._embedded.loss_reason?.[0];
    const reasonId = lead.loss_reason_id ?? embedded?.id ?? null;
    let reason = acc.lossReasons.get(reasonId);
    if (!reason) {
      reason = { count: 0, sum: 0, embeddedName: null };
      acc.lossReasons.set(reasonId, reason);
    }
    add(reason, price);
    if (reason.embeddedName === null && embedded && embedded.id === reasonId) reason.embeddedName = embedded.name;
  } else add(acc.open, price);
}

function finish(acc: Accumulator, refs: SummaryReferences): LeadsSummary {
  // Stages in the order Kommo shows them: pipelines by sort, statuses by sort; unknown ones last.
  const order = new Map<StageKey, { rank: number; statusName: string; pipelineName: string; color: string }>();
  const pipelines = [...refs.pipelines].sort((a, b) => a.sort - b.sort || a.id - b.id);
  let rank = 0;
  for (const pipeline of pipelines) {
    const statuses = [...pipeline._embedded.statuses].sort((a, b) => a.sort - b.sort || a.id - b.id);
    for (const status of statuses) {
      order.set(stagePairKey(pipeline.id, status.id), { rank: rank++, statusName: status.name, pipelineName: pipeline.name, color: status.color });
    }
  }
  const lookups = buildLeadLookups(refs);
  const byStage: (StageBucket & { rank: number })[] = [];
  for (const [pipelineId, statuses] of acc.stages) {
    for (const [statusId, s] of statuses) {
      const key = stagePairKey(pipelineId, statusId);
      const known = order.get(key);
      byStage.push({
        key,
        pipelineId,
        statusId,
        count: s.count,
        sum: s.sum,
        statusName: known?.statusName ?? null,
        pipelineName: known?.pipelineName ?? (pipelineId !== null ? (lookups.pipelines.get(pipelineId)?.name ?? null) : null),
        color: known?.color ?? null,
        rank: known?.rank ?? Number.MAX_SAFE_INTEGER,
      });
    }
  }
  byStage.sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key));

  const byUser: UserBucket[] = [...acc.users.entries()].map(([userId, t]) => {
    const user = userId !== null ? lookups.users.get(userId) : undefined;
    return { userId, name: user?.name ?? null, active: user ? (user.rights?.is_active ?? true) : null, count: t.count, sum: t.sum };
  });
  // Where the money sits: largest sum first, then most leads, then a stable tie-break.
  byUser.sort((a, b) => b.sum - a.sum || b.count - a.count || (a.userId ?? -1) - (b.userId ?? -1));

  const lossReasons: LossReasonBucket[] = [...acc.lossReasons.entries()].map(([id, r]) => ({
    lossReasonId: id,
    name: id !== null ? (lookups.lossReasons.get(id)?.name ?? r.embeddedName) : null,
    count: r.count,
    sum: r.sum,
  }));
  lossReasons.sort((a, b) => b.count - a.count || b.sum - a.sum || (a.lossReasonId ?? -1) - (b.lossReasonId ?? -1));

  return {
    count: acc.count,
    sum: acc.sum,
    average: acc.count > 0 ? acc.sum / acc.count : null,
    byStage: byStage.map(({ rank: _rank, ...bucket }) => bucket),
    byUser,
    won: { ...acc.won },
    lost: { ...acc.lost },
    open: { ...acc.open },
    lossReasons,
    winRate: acc.won.count + acc.lost.count > 0 ? acc.won.count / (acc.won.count + acc.lost.count) : null,
  };
}

/** The summary in one synchronous pass: for small sets and tests. */
export function computeSummary(leads: readonly Lead[], refs: SummaryReferences): LeadsSummary {
  const acc = createAccumulator();
  for (const lead of leads) addLead(acc, lead);
  return finish(acc, refs);
}

export type YieldToEventLoop = () => Promise<void>;

type SchedulerLike = { yield?: () => Promise<void> };

/** `scheduler.yield()` where the browser has it (keeps our priority), else a macrotask. */
export const yieldToEventLoop: YieldToEventLoop = () => {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
};

export type ChunkedSummaryOptions = {
  signal?: AbortSignal;
  /** Work per slice before yielding; well under the 50 ms of a long task. */
  sliceMs?: number;
  yieldToEventLoop?: YieldToEventLoop;
  now?: () => number;
  /** Called with each slice's duration (the bench reads the longest). */
  onSlice?: (ms: number) => void;
};

export const DEFAULT_SLICE_MS = 8;
/** Leads between clock reads: reading the clock per lead would cost more than the work. */
const CHECK_EVERY = 256;

/**
 * The same summary, computed in time slices that yield to the event loop between them, so the
 * page stays responsive. Rejects with the signal's reason when aborted.
 */
export async function computeSummaryChunked(
  leads: readonly Lead[],
  refs: SummaryReferences,
  options: ChunkedSummaryOptions = {},
): Promise<LeadsSummary> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const pause = options.yieldToEventLoop ?? yieldToEventLoop;
  const now = options.now ?? (() => performance.now());
  const { signal } = options;
  const acc = createAccumulator();
  let index = 0;
  while (index < leads.length) {
    signal?.throwIfAborted();
    const started = now();
    while (index < leads.length) {
      const end = Math.min(leads.length, index + CHECK_EVERY);
      for (; index < end; index++) addLead(acc, leads[index] as Lead);
      if (now() - started >= sliceMs) break;
    }
    options.onSlice?.(now() - started);
    if (index < leads.length) await pause();
  }
  signal?.throwIfAborted();
  const started = now();
  const summary = finish(acc, refs);
  options.onSlice?.(now() - started);
  return summary;
}

/** The shared axis's end: the largest value rounded up to 1, 2, 2.5 or 5 times a power of ten (199 → 200, 306 → 500). */
export function niceCeiling(n: number): number {
  if (n <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= n) ?? 10;
  return step * power;
}
