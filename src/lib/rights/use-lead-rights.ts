// The signed-in user's lead rights for the UI: whether counts cover only the leads they can see,
// and the rule's inputs for the export (rights, the users' groups).
import { useMemo } from 'react';
import type { GroupOfUser, LeadRights } from '@/kommo/lead-rights';
import { groupOfUsers } from '@/lib/reference-data/reference-fetchers';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';

export type LeadRightsState = { rights: LeadRights | null; limited: boolean; groupOf: GroupOfUser };

const NO_GROUP: GroupOfUser = () => null;
const PARTS = ['rights', 'users'] as const;

export function useLeadRights(): LeadRightsState {
  const { rights, users } = useReferenceData(PARTS).data;
  const groupOf = useMemo(() => (users ? groupOfUsers(users.users) : NO_GROUP), [users]);
  return { rights: rights?.rights ?? null, limited: rights?.limited ?? false, groupOf };
}
