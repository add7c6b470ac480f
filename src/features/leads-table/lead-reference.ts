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
};

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
  const customFields = [...input.customFields].sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.id - b.id);
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
  };
}

export function findStage(ref: LeadReference, pipelineId: number | null, statusId: number | null): StageInfo | null {
  if (pipelineId === null || statusId === null) return null;
  return ref.stages.get(stageKey(pipelineId, statusId)) ?? null;
}
