import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import type { Pipeline } from '../../kommo/schemas';
import { useKommoClient } from '../../lib/api/kommo-client-context';
import { referenceQueries } from '../../lib/api/reference-queries';
import { safeTimezone } from '../../lib/url-state/account-time';

export type BuiltInReference = { currentUserId: number | null; pipelines: Pipeline[]; timezone: string };

const EMPTY_PIPELINES: Pipeline[] = [];
// `/account` carries current_user_id on real accounts and the demo; the typed schema leaves it
// loose, so it is read defensively here.
const currentUserIdSchema = z.number().int().nonnegative();

export function useBuiltInReference(): BuiltInReference {
  const client = useKommoClient();
  const account = useQuery(referenceQueries.account(client));
  const pipelines = useQuery(referenceQueries.pipelines(client));
  const current = currentUserIdSchema.safeParse(account.data?.current_user_id);
  return {
    currentUserId: current.success ? current.data : null,
    pipelines: pipelines.data ?? EMPTY_PIPELINES,
    timezone: safeTimezone(account.data?.datetime_settings?.timezone),
  };
}
