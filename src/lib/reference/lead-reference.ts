// Lookups that turn a lead's ids into names: the one builder the table, the export and the summary
// share. Built once per reference-data change (fetched once per session); a stage is keyed by
// (pipeline_id, status_id) because 142/143 exist in every pipeline.
import { stagePairKey } from '../../kommo/leads-query';
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
import { sortCustomFields } from '../leads-list/lead-column-registry';
import { safeTimezone } from '../url-state/account-time';

export type StageInfo = { status: Status; pipeline: Pipeline };

/** Id-to-entity maps of the reference data (names, colours, flags). */
export type LeadLookups = {
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

export type LeadReference = LeadLookups & {
  account: Account;
  currency: string;
  timeZone: string;
};

export type LeadLookupsInput = {
  pipelines: readonly Pipeline[];
  users: readonly User[];
  groups?: readonly Group[];
  customFields?: readonly CustomFieldDefinition[];
  lossReasons?: readonly LossReason[];
  tags?: readonly Tag[];
  catalogs?: readonly Catalog[];
  sources?: readonly Source[];
};

export type LeadReferenceInput = LeadLookupsInput & { account: Account };

function byId<T extends { id: number }>(items: readonly T[] | undefined): Map<number, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

export function buildLeadLookups(input: LeadLookupsInput): LeadLookups {
  const stages = new Map<string, StageInfo>();
  for (const pipeline of input.pipelines) {
    for (const status of pipeline._embedded.statuses) {
      stages.set(stagePairKey(pipeline.id, status.id), { status, pipeline });
    }
  }
  const customFields = sortCustomFields(input.customFields ?? []);
  return {
    stages,
    pipelines: byId(input.pipelines),
    users: byId(input.users),
    groups: byId(input.groups),
    customFields,
    customFieldsById: byId(customFields),
    lossReasons: byId(input.lossReasons),
    tags: byId(input.tags),
    catalogs: byId(input.catalogs),
    sources: byId(input.sources),
  };
}

export function buildLeadReference(input: LeadReferenceInput): LeadReference {
  return {
    account: input.account,
    currency: input.account.currency || 'USD',
    timeZone: safeTimezone(input.account.datetime_settings?.timezone),
    ...buildLeadLookups(input),
  };
}

export function findStage(ref: LeadLookups, pipelineId: number | null, statusId: number | null): StageInfo | null {
  if (pipelineId === null || statusId === null) return null;
  return ref.stages.get(stagePairKey(pipelineId, statusId)) ?? null;
}
