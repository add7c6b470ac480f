// Names for the ids the filters hold: users, pipelines with their stages, and the account's zone
// and current user, from the one reference-data hook (fetched once per session).
import { useMemo } from 'react';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { User } from '@/kommo/user-schema';
import { accountTimeZone } from '@/lib/reference-data/account-zone';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';

export type FilterReference = {
  users: User[];
  pipelines: Pipeline[];
  /** The account's IANA zone (UTC until /account answers or when it names an unknown zone). */
  timezone: string;
  /** `/account`'s `current_user_id` (null until it answers, or when it has none). */
  currentUserId: number | null;
  loading: boolean;
};

const PARTS = ['account', 'pipelines', 'users'] as const;
const EMPTY_USERS: User[] = [];
const EMPTY_PIPELINES: Pipeline[] = [];

export function useFilterReference(): FilterReference {
  const { data, pending: loading } = useReferenceData(PARTS);
  const currentUserId = data.account?.current_user_id ?? null;
  const timezone = accountTimeZone(data.account);
  const userList = data.users?.users ?? EMPTY_USERS;
  const pipelineList = data.pipelines ?? EMPTY_PIPELINES;
  // One object per change of its parts, so memoised chips and forms downstream stay put.
  return useMemo(
    () => ({ users: userList, pipelines: pipelineList, timezone, currentUserId, loading }),
    [userList, pipelineList, timezone, currentUserId, loading],
  );
}
