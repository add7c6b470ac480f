// Lookups that turn a lead's ids into names. Built once per reference-data change (fetched once per
// session); a stage is keyed by (pipeline_id, status_id) because 142/143 exist in every pipeline.
import type {
  Account,
  Catalog,
  CustomFieldDefinition,
  Group,
  LossReason,
  Pipeline,
  Source,
  Status,
  Tag,
  User,
} from '../../kommo/schemas';
import { safeTimeZone } from './lead-formatters';

export type StageInfo = { status: Status; pipeline: Pipeline };

/** Lookups the table draws without: until they arrive a cell shows a quiet placeholder, not an id. */
export type DeferredLookup = 'lossReasons' | 'tags' | 'catalogs' | 'sources' | 'customFields';

export type LeadReference = {
  account: Account;
  currency: string;
  timeZone: string;
  stages: Map<string, StageInfo>;
  pipelines: Map<number, Pipeline>;
  users: Map<number, User>;
  groups: Map<number, Group>;
  customFields: CustomFieldDefinition[];
  customFieldsById: Map<number, CustomFieldDefinition>;
  lossReasons: Map<number, LossReason>;
  tags: Map<number, Tag>;
  catalogs: Map<number, Catalog>;
  sources: Map<number, Source>;
  /** The deferred lookups not in yet (their maps are empty or, for custom fields, the first page only). */
  waiting: ReadonlySet<DeferredLookup>;
  /** The custom fields shown by default, fixed by the first page so later pages never move a column. */
  defaultCustomFieldIds: ReadonlySet<number>;
};

export type LeadReferenceInput = {
  account: Account;
  pipelines: Pipeline[];
  users: User[];
  groups: Group[];
  customFields: CustomFieldDefinition[];
  lossReasons?: LossReason[];
  tags?: Tag[];
  catalogs?: Catalog[];
  sources?: Source[];
  /** False while only the first page of custom fields is in (default true). */
  customFieldsComplete?: boolean;
  /** The custom fields that decide the default columns (default: all of `customFields`). */
  defaultCustomFieldsFrom?: CustomFieldDefinition[];
};

/** Custom fields shown by default; the rest wait in the column chooser (accounts have dozens). */
export const DEFAULT_VISIBLE_CUSTOM_FIELDS = 6;

const bySortThenId = (a: CustomFieldDefinition, b: CustomFieldDefinition) => (a.sort ?? 0) - (b.sort ?? 0) || a.id - b.id;

export function stageKey(pipelineId: number, statusId: number): string {
  return `${pipelineId}:${statusId}`;
}

function byId<T extends { id: number }>(items: readonly T[] | undefined): Map<number, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

export function buildLeadReference(input: LeadReferenceInput): LeadReference {
  const stages = new Map<string, StageInfo>();
  for (const pipeline of input.pipelines) {
    for (const status of pipeline._embedded.statuses) {
      stages.set(stageKey(pipeline.id, status.id), { status, pipeline });
    }
  }
  const customFields = [...input.customFields].sort(bySortThenId);
  const defaults = [...(input.defaultCustomFieldsFrom ?? input.customFields)].sort(bySortThenId).slice(0, DEFAULT_VISIBLE_CUSTOM_FIELDS);
  const waiting = new Set<DeferredLookup>();
  if (!input.lossReasons) waiting.add('lossReasons');
  if (!input.tags) waiting.add('tags');
  if (!input.catalogs) waiting.add('catalogs');
  if (!input.sources) waiting.add('sources');
  if (input.customFieldsComplete === false) waiting.add('customFields');
  return {
    account: input.account,
    // No currency on the account: money shows as a plain number (formatMoney's fallback), not as dollars.
    currency: input.account.currency ?? '',
    timeZone: safeTimeZone(input.account.datetime_settings?.timezone),
    stages,
    pipelines: byId(input.pipelines),
    users: byId(input.users),
    // The account's users_groups name every group (0 is the main one); users' own groups fill any gap.
    groups: byId([...input.groups, ...input.account.users_groups]),
    customFields,
    customFieldsById: byId(customFields),
    lossReasons: byId(input.lossReasons),
    tags: byId(input.tags),
    catalogs: byId(input.catalogs),
    sources: byId(input.sources),
    waiting,
    defaultCustomFieldIds: new Set(defaults.map((f) => f.id)),
  };
}

export function findStage(ref: LeadReference, pipelineId: number | null, statusId: number | null): StageInfo | null {
  if (pipelineId === null || statusId === null) return null;
  return ref.stages.get(stageKey(pipelineId, statusId)) ?? null;
}
