// What the built-in views are made of: the signed-in user, the pipelines and the account's zone.
import type { Pipeline } from '@/kommo/pipeline-schema';
import { accountTimeZone } from '@/lib/reference-data/account-zone';
import { useReferenceData } from '@/lib/reference-data/use-reference-data';

export type BuiltInReference = { currentUserId: number | null; pipelines: Pipeline[]; timezone: string };

const PARTS = ['account', 'pipelines'] as const;
const EMPTY_PIPELINES: Pipeline[] = [];

export function useBuiltInReference(): BuiltInReference {
  const { data } = useReferenceData(PARTS);
  return {
    currentUserId: data.account?.current_user_id ?? null,
    pipelines: data.pipelines ?? EMPTY_PIPELINES,
    timezone: accountTimeZone(data.account),
  };
}
