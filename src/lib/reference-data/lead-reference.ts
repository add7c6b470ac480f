// Lookups that turn a lead's ids into names: the one builder the table, the export and the summary
// share. Built once per reference-data change (fetched once per session); a stage is keyed by
// (pipeline_id, status_id) because 142/143 exist in every pipeline.
import { stagePairKey } from '@/kommo/leads-query';
import type { Account, Group } from '@/kommo/account-schema';
import type { Catalog } from '@/kommo/catalog-schema';
import type { CustomFieldDefinition } from '@/kommo/custom-field-schema';
import type { LossReason } from '@/kommo/loss-reason-schema';
import type { Pipeline, Status } from '@/kommo/pipeline-schema';
import type { Source } from '@/kommo/source-schema';
import type { Tag } from '@/kommo/tag-schema';
import type { User } from '@/kommo/user-schema';
import { DEFAULT_VISIBLE_CUSTOM_FIELDS, sortCustomFields } from '@/lib/leads-list/custom-field-columns';
import { accountTimeZone } from './account-zone';
import { accountDatePatterns, type AccountDatePatterns } from '@/lib/time/account-date-format';

export type StageInfo = { status: Status; pipeline: Pipeline };

/** Lookups the table draws without: until they arrive a cell shows a quiet placeholder, not an id. */
export type DeferredLookup = 'lossReasons' | 'tags' | 'catalogs' | 'sources' | 'customFields';

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
  /** The account's own date formats (null each: the language's). */
  datePatterns: AccountDatePatterns;
  /** The deferred lookups not in yet (their maps are empty or, for custom fields, the first page only). */
  waiting: ReadonlySet<DeferredLookup>;
  /** The custom fields shown by default, fixed by the first page so later pages never move a column. */
  defaultCustomFieldIds: ReadonlySet<number>;
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

export type LeadReferenceInput = LeadLookupsInput & {
  account: Account;
  /** False while only the first page of custom fields is in (default true). */
  customFieldsComplete?: boolean;
  /** The custom fields that decide the default columns (default: all of `customFields`). */
  defaultCustomFieldsFrom?: readonly CustomFieldDefinition[];
};

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
  const defaults = sortCustomFields(input.defaultCustomFieldsFrom ?? input.customFields ?? []).slice(0, DEFAULT_VISIBLE_CUSTOM_FIELDS);
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
    timeZone: accountTimeZone(input.account),
    datePatterns: accountDatePatterns(input.account),
    // The account's users_groups name every group (0 is the main one); users' own groups fill any gap.
    ...buildLeadLookups({ ...input, groups: [...(input.groups ?? []), ...input.account.users_groups] }),
    waiting,
    defaultCustomFieldIds: new Set(defaults.map((f) => f.id)),
  };
}

export function findStage(ref: LeadLookups, pipelineId: number | null, statusId: number | null): StageInfo | null {
  if (pipelineId === null || statusId === null) return null;
  return ref.stages.get(stagePairKey(pipelineId, statusId)) ?? null;
}
