// Reference data for names (fetched once per session by the referenceQueries' infinite staleTime).
// The table draws as soon as what the visible columns truly need is in: the account (money, dates),
// pipelines (stage), users (responsible, group) and the first page of custom fields (the default
// columns). Tags, catalogs, sources, loss reasons and later custom-field pages fill in when they
// arrive; their failure degrades to ids instead of blocking the list.
import { useMemo } from 'react';
import { buildLeadReference, type LeadReference } from '@/lib/reference-data/lead-reference';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';

export type LeadReferenceState = {
  reference: LeadReference | null;
  error: unknown;
  isPending: boolean;
  refetch: () => void;
};

const NEEDED = ['account', 'pipelines', 'users', 'customFieldsFirstPage'] as const;
const LATER = ['customFields', 'lossReasons', 'tags', 'catalogs', 'sources'] as const;
const NONE: never[] = [];

export function useLeadReference(): LeadReferenceState {
  const needed = useReferenceData(NEEDED);
  const later = useReferenceData(LATER);
  const { account, pipelines, users, customFieldsFirstPage: firstFields } = needed.data;
  const { customFields, lossReasons, tags, catalogs, sources } = later.data;
  // A failed part reads as an empty list (one for all, so the memo below holds): names degrade to ids, the list still draws.
  const orEmpty = <T>(value: T[] | undefined, part: (typeof LATER)[number]): T[] | undefined => value ?? (later.failed.has(part) ? NONE : undefined);
  const customFieldsFailed = later.failed.has('customFields');
  const lossReasonsOrEmpty = orEmpty(lossReasons, 'lossReasons');
  const tagsOrEmpty = orEmpty(tags, 'tags');
  const catalogsOrEmpty = orEmpty(catalogs, 'catalogs');
  const sourcesOrEmpty = orEmpty(sources, 'sources');

  const reference = useMemo(() => {
    if (!account || !pipelines || !users || !firstFields) return null;
    return buildLeadReference({
      account,
      pipelines,
      users: users.users,
      groups: users.groups,
      customFields: customFields ?? firstFields.fields,
      // A failed later page leaves the first page's columns, not a placeholder forever.
      customFieldsComplete: customFields !== undefined || customFieldsFailed,
      defaultCustomFieldsFrom: firstFields.fields,
      lossReasons: lossReasonsOrEmpty,
      tags: tagsOrEmpty,
      catalogs: catalogsOrEmpty,
      sources: sourcesOrEmpty,
    });
  }, [account, pipelines, users, firstFields, customFields, customFieldsFailed, lossReasonsOrEmpty, tagsOrEmpty, catalogsOrEmpty, sourcesOrEmpty]);

  return { reference, error: needed.error, isPending: needed.pending, refetch: needed.refetch };
}
