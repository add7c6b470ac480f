// The signed-in user's lead rights for the UI: whether counts cover only the leads they can see,
// and the rule's inputs for the export (rights, the users' groups).
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { GroupOfUser, LeadRights } from '@/kommo/lead-rights';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { groupOfUsers } from '@/lib/reference-data/reference-fetchers';
import { referenceQueries } from '@/lib/reference-data/reference-queries';

export type LeadRightsState = { rights: LeadRights | null; limited: boolean; groupOf: GroupOfUser };

const NO_GROUP: GroupOfUser = () => null;

export function useLeadRights(): LeadRightsState {
  const client = useKommoClient();
  const rights = useQuery(referenceQueries.rights(client));
  const users = useQuery(referenceQueries.users(client));
  const groupOf = useMemo(() => (users.data ? groupOfUsers(users.data.users) : NO_GROUP), [users.data]);
  return { rights: rights.data?.rights ?? null, limited: rights.data?.limited ?? false, groupOf };
}
