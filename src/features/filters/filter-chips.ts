// The applied view as a list of removable chips with names instead of ids. Each chip carries the
// view without it, so removing a chip is one URL write.
import { DATE_FILTERS, stagePairKey, type DateFilter, type LeadWith, type LeadsFilter, type LeadsQuery, type StagePair } from '@/kommo/leads-query';
import type { MessageValues } from '@/lib/i18n/define-messages';
import { unixRangeToCalendar } from '@/lib/time/account-time';
import type { FilterReference } from './use-filter-reference';
import type { FiltersMessageKey } from './filters-messages';

/** `counts: false`: shown and removable, but not a filter (what else to load), so not in the Filters (n) badge. */
export type FilterChip = { key: string; label: string; color?: string; counts?: false; next: LeadsQuery };
export type Translate = (key: FiltersMessageKey, values?: MessageValues) => string;

const DATE_LABEL: Record<DateFilter, FiltersMessageKey> = {
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  closed_at: 'closedAt',
  closest_task_at: 'closestTaskAt',
};
/** The form's words for each `with` value (one definition, the panel's checkboxes use it too). */
export const WITH_LABEL: Record<Exclude<LeadWith, 'only_deleted'>, FiltersMessageKey> = {
  contacts: 'withContacts',
  loss_reason: 'withLossReason',
  is_price_modified_by_robot: 'withPriceByRobot',
  catalog_elements: 'withCatalogElements',
  source_id: 'withSourceId',
  source: 'withSource',
};
/** Kommo's closed stages, present in every pipeline under the same id. */
const CLOSED_STATUS_IDS: ReadonlySet<number> = new Set([142, 143]);
const USER_LABEL = { responsible_user_id: 'chipResponsible', created_by: 'chipCreatedBy', updated_by: 'chipUpdatedBy' } as const;
const LIST_PREVIEW = 3;

function withoutFilter(q: LeadsQuery, patch: (f: LeadsFilter) => LeadsFilter): LeadsQuery {
  const filter = patch({ ...(q.filter ?? {}) });
  const { filter: _old, ...rest } = q;
  return Object.values(filter).some((v) => v !== undefined) ? { ...rest, filter } : rest;
}

function drop<K extends keyof LeadsFilter>(key: K) {
  return (f: LeadsFilter): LeadsFilter => {
    const { [key]: _gone, ...rest } = f;
    return rest;
  };
}

function list(values: string[], locale: string): string {
  const shown = values.slice(0, LIST_PREVIEW);
  const more = values.length - shown.length;
  const text = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }).format(shown);
  return more > 0 ? `${text} +${more}` : text;
}

export function buildFilterChips(q: LeadsQuery, ref: FilterReference, t: Translate, locale: string): FilterChip[] {
  const chips: FilterChip[] = [];
  const f = q.filter ?? {};
  const userName = (id: number) => ref.users.find((u) => u.id === id)?.name ?? t('unknownUser', { id: String(id) });
  const pipelineName = (id: number) => ref.pipelines.find((p) => p.id === id)?.name ?? t('unknownPipeline', { id: String(id) });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const fmtDay = (d: string) => day.format(Date.parse(`${d}T00:00:00Z`));
  const num = new Intl.NumberFormat(locale);

  if (q.with?.includes('only_deleted')) {
    const rest = q.with.filter((w) => w !== 'only_deleted');
    const { with: _w, ...base } = q;
    chips.push({ key: 'deleted', label: t('chipDeleted'), next: rest.length ? { ...base, with: rest } : base });
  }
  if (q.tasks === 'none') {
    const { tasks: _t, ...next } = q;
    chips.push({ key: 'tasks', label: t('chipWithoutTasks'), next });
  }
  if (q.open !== undefined) {
    // The rule, not its stages: it stays one chip however many stages it means today.
    const { open: rule, ...next } = q;
    const label = rule === 'all' ? t('chipOpenAll') : t('chipOpenIn', { pipelines: list(rule.map(pipelineName), locale) });
    chips.push({ key: 'open', label, next });
  }
  if (q.query) {
    const { query: _q, ...next } = q;
    chips.push({ key: 'query', label: t('chipSearch', { value: q.query }), next });
  }
  if (f.id?.length) chips.push({ key: 'id', label: t('chipIds', { value: list(f.id.map(String), locale) }), next: withoutFilter(q, drop('id')) });
  if (f.name?.length) chips.push({ key: 'name', label: t('chipNames', { value: list(f.name, locale) }), next: withoutFilter(q, drop('name')) });
  if (f.price !== undefined) {
    const p = f.price;
    const value =
      typeof p === 'number'
        ? num.format(p)
        : [
            p.from !== undefined ? t('chipPriceFrom', { value: num.format(p.from) }) : '',
            p.to !== undefined ? t('chipPriceTo', { value: num.format(p.to) }) : '',
          ]
            .filter(Boolean)
            .join(' ');
    chips.push({ key: 'price', label: t('chipPrice', { value }), next: withoutFilter(q, drop('price')) });
  }
  for (const field of ['responsible_user_id', 'created_by', 'updated_by'] as const) {
    const ids = f[field];
    if (ids?.length)
      chips.push({ key: field, label: t(USER_LABEL[field], { value: list(ids.map(userName), locale) }), next: withoutFilter(q, drop(field)) });
  }
  if (f.pipeline_id?.length) {
    chips.push({
      key: 'pipeline_id',
      label: t('chipPipelines', { value: list(f.pipeline_id.map(pipelineName), locale) }),
      next: withoutFilter(q, drop('pipeline_id')),
    });
  }
  // Won (or lost) across several pipelines is one chip, "Stage: Closed - won (3 pipelines)", not one per pipeline.
  const across = new Map<number, StagePair[]>();
  for (const stage of f.statuses ?? [])
    if (CLOSED_STATUS_IDS.has(stage.status_id)) across.set(stage.status_id, [...(across.get(stage.status_id) ?? []), stage]);
  const grouped = new Set<StagePair>();
  for (const [statusId, stages] of across) {
    if (stages.length < 2) continue;
    for (const s of stages) grouped.add(s);
    const rest = (f.statuses ?? []).filter((s) => !stages.includes(s));
    const next = withoutFilter(q, (x) => (rest.length ? { ...x, statuses: rest } : drop('statuses')(x)));
    const name = stages
      .map((s) => ref.pipelines.find((p) => p.id === s.pipeline_id)?._embedded.statuses.find((st) => st.id === statusId)?.name)
      .find(Boolean);
    chips.push({
      key: `stages-across:${statusId}`,
      label: t('chipStageAcross', { stage: name ?? t('unknownStage', { id: String(statusId) }), count: stages.length }),
      next,
    });
  }
  // One chip per pipeline: a stage by name when one is picked, "Sales: 5 stages" when several.
  const byPipeline = new Map<number, StagePair[]>();
  for (const stage of f.statuses ?? []) {
    if (!grouped.has(stage)) byPipeline.set(stage.pipeline_id, [...(byPipeline.get(stage.pipeline_id) ?? []), stage]);
  }
  for (const [pipelineId, stages] of byPipeline) {
    const rest = (f.statuses ?? []).filter((s) => s.pipeline_id !== pipelineId || grouped.has(s));
    const next = withoutFilter(q, (x) => (rest.length ? { ...x, statuses: rest } : drop('statuses')(x)));
    const first = stages[0];
    if (stages.length > 1 || !first) {
      chips.push({ key: `stages:${pipelineId}`, label: t('chipStages', { pipeline: pipelineName(pipelineId), count: stages.length }), next });
      continue;
    }
    const status = ref.pipelines.find((p) => p.id === pipelineId)?._embedded.statuses.find((s) => s.id === first.status_id);
    chips.push({
      key: `stage:${stagePairKey(pipelineId, first.status_id)}`,
      label: t('chipStage', { pipeline: pipelineName(pipelineId), stage: status?.name ?? t('unknownStage', { id: String(first.status_id) }) }),
      color: status?.color,
      next,
    });
  }
  for (const field of ['created_at', 'updated_at', 'closed_at', 'closest_task_at'] as const) {
    const range = f[field];
    if (!range) continue;
    // `from` 0 (the epoch) is how older links wrote "any time before": not a day to show.
    const [from, to] = unixRangeToCalendar(range.from === 0 ? { ...(range.to !== undefined ? { to: range.to } : {}) } : range, ref.timezone);
    const value =
      from && to
        ? from === to
          ? fmtDay(from)
          : `${fmtDay(from)} – ${fmtDay(to)}`
        : from
          ? t('chipSince', { value: fmtDay(from) })
          : t('chipUntil', { value: fmtDay(to ?? '') });
    chips.push({ key: field, label: t('chipDate', { field: t(DATE_LABEL[field]), value }), next: withoutFilter(q, drop(field)) });
  }
  for (const field of DATE_FILTERS) {
    const preset = q.dates?.[field];
    if (!preset) continue;
    const { [field]: _gone, ...others } = q.dates ?? {};
    const { dates: _d, ...base } = q;
    const next = Object.keys(others).length ? { ...base, dates: others } : base;
    chips.push({ key: `date:${field}`, label: t('chipDate', { field: t(DATE_LABEL[field]), value: t(preset) }), next });
  }
  // The order is not a filter: the grid's headers show it (aria-sort), the form changes it.
  const extras = (q.with ?? []).filter((w): w is Exclude<LeadWith, 'only_deleted'> => w !== 'only_deleted');
  if (extras.length) {
    const next: LeadsQuery = { ...q };
    if (q.with?.includes('only_deleted')) next.with = ['only_deleted'];
    else delete next.with;
    chips.push({
      key: 'with',
      label: t('chipWith', {
        value: list(
          extras.map((w) => t(WITH_LABEL[w])),
          locale,
        ),
      }),
      counts: false,
      next,
    });
  }
  return chips;
}
