// Reference data for names (fetched once per session by the referenceQueries' infinite staleTime).
// Account, pipelines, users and custom fields are required to draw the table; the rest only
// improves names, so their failure degrades to ids instead of blocking the list.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useKommoClient } from '../../lib/api/kommo-client-context';
import { referenceQueries } from '../../lib/api/reference-queries';
import { buildLeadReference, type LeadReference } from '../../lib/reference/lead-reference';

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
  const customFields = useQuery(referenceQueries.customFields(client));
  const lossReasons = useQuery(referenceQueries.lossReasons(client));
  const tags = useQuery(referenceQueries.tags(client));
  const catalogs = useQuery(referenceQueries.catalogs(client));
  const sources = useQuery(referenceQueries.sources(client));

  const reference = useMemo(() => {
    if (!account.data || !pipelines.data || !users.data || !customFields.data) return null;
    return buildLeadReference({
      account: account.data,
      pipelines: pipelines.data,
      users: users.data.users,
      groups: users.data.groups,
      customFields: customFields.data,
      lossReasons: lossReasons.data,
      tags: tags.data,
      catalogs: catalogs.data,
      sources: sources.data,
    });
  }, [account.data, pipelines.data, users.data, customFields.data, lossReasons.data, tags.data, catalogs.data, sources.data]);

  const required = [account, pipelines, users, customFields];
  const failed = required.find((q) => q.isError);
  // Only the failed ones: the others are cached for the session and need no second request.
  const refetch = () => {
    for (const q of required) if (q.isError) void q.refetch();
  };
  return { reference, error: failed?.error ?? null, isPending: required.some((q) => q.isPending), refetch };
}
