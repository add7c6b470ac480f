// Reference data for names (fetched once per session by the referenceQueries' infinite staleTime).
// The table draws as soon as what the visible columns truly need is in: the account (money, dates),
// pipelines (stage), users (responsible, group) and the first page of custom fields (the default
// columns). Tags, catalogs, sources, loss reasons and later custom-field pages fill in when they
// arrive; their failure degrades to ids instead of blocking the list.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { referenceQueries } from '@/lib/reference-data/reference-queries';
import { buildLeadReference, type LeadReference } from '@/lib/reference-data/lead-reference';

export type LeadReferenceState = {
  reference: LeadReference | null;
  error: unknown;
  isPending: boolean;
  refetch: () => void;
};

export function useLeadReference(): LeadReferenceState {
  const client = useKommoClient();
  const account = useQuery(referenceQueries.account(client));
  const pipelines = useQuery(referenceQueries.pipelines(client));
  const users = useQuery(referenceQueries.users(client));
  const firstFields = useQuery(referenceQueries.customFieldsFirstPage(client));
  const customFields = useQuery(referenceQueries.customFields(client));
  const lossReasons = useQuery(referenceQueries.lossReasons(client));
  const tags = useQuery(referenceQueries.tags(client));
  const catalogs = useQuery(referenceQueries.catalogs(client));
  const sources = useQuery(referenceQueries.sources(client));

  const reference = useMemo(() => {
    if (!account.data || !pipelines.data || !users.data || !firstFields.data) return null;
    return buildLeadReference({
      account: account.data,
      pipelines: pipelines.data,
      users: users.data.users,
      groups: users.data.groups,
      customFields: customFields.data ?? firstFields.data.fields,
      // A failed later page leaves the first page's columns, not a placeholder forever.
      customFieldsComplete: customFields.data !== undefined || customFields.isError,
      defaultCustomFieldsFrom: firstFields.data.fields,
      lossReasons: lossReasons.data ?? (lossReasons.isError ? [] : undefined),
      tags: tags.data ?? (tags.isError ? [] : undefined),
      catalogs: catalogs.data ?? (catalogs.isError ? [] : undefined),
      sources: sources.data ?? (sources.isError ? [] : undefined),
    });
  }, [
    account.data,
    pipelines.data,
    users.data,
    firstFields.data,
    customFields.data,
    customFields.isError,
    lossReasons.data,
    lossReasons.isError,
    tags.data,
    tags.isError,
    catalogs.data,
    catalogs.isError,
    sources.data,
    sources.isError,
  ]);

  const required = [account, pipelines, users, firstFields];
  const failed = required.find((q) => q.isError);
  // Only the failed ones: the others are cached for the session and need no second request.
  const refetch = () => {
    for (const q of required) if (q.isError) void q.refetch();
  };
  return { reference, error: failed?.error ?? null, isPending: required.some((q) => q.isPending), refetch };
}
