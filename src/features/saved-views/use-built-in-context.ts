import { useQuery } from '@tanstack/react-query';
import type { Pipeline } from '@/kommo/pipeline-schema';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import { referenceQueries } from '@/lib/reference-data/reference-queries';
import { accountTimeZone } from '@/lib/reference-data/account-zone';

export type BuiltInReference = { currentUserId: number | null; pipelines: Pipeline[]; timezone: string };

const EMPTY_PIPELINES: Pipeline[] = [];

export function useBuiltInReference(): BuiltInReference {
  const client = useKommoClient();
  const account = useQuery(referenceQueries.account(client));
  const pipelines = useQuery(referenceQueries.pipelines(client));
  return {
    currentUserId: account.data?.current_user_id ?? null,
    pipelines: pipelines.data ?? EMPTY_PIPELINES,
    timezone: accountTimeZone(account.data),
  };
}
