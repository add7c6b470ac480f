// Names for the ids the filters hold: users, pipelines with their stages, and the account's zone
// and current user. Reference data is fetched once per session (staleTime Infinity upstream).
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Pipeline } from '@/kommo/pipeline-schema';
import type { User } from '@/kommo/user-schema';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { referenceQueries } from '@/lib/reference-data/reference-queries';
import { accountTimeZone } from '@/lib/reference-data/account-zone';

export type FilterReference = {
  users: User[];
  pipelines: Pipeline[];
  /** The account's IANA zone (UTC until /account answers or when it names an unknown zone). */
  timezone: string;
  /** `/account`'s `current_user_id` (null until it answers, or when it has none). */
  currentUserId: number | null;
  loading: boolean;
};

const EMPTY_USERS: User[] = [];
const EMPTY_PIPELINES: Pipeline[] = [];

export function useFilterReference(): FilterReference {
  const client = useKommoClient();
  const account = useQuery(referenceQueries.account(client));
  const pipelines = useQuery(referenceQueries.pipelines(client));
  const users = useQuery(referenceQueries.users(client));
  const currentUserId = account.data?.current_user_id ?? null;
  const timezone = accountTimeZone(account.data);
  const loading = account.isPending || pipelines.isPending || users.isPending;
  const userList = users.data?.users ?? EMPTY_USERS;
  const pipelineList = pipelines.data ?? EMPTY_PIPELINES;
  // One object per change of its parts, so memoised chips and forms downstream stay put.
  return useMemo(
    () => ({ users: userList, pipelines: pipelineList, timezone, currentUserId, loading }),
    [userList, pipelineList, timezone, currentUserId, loading],
  );
}
