// The one way a screen gets the account's reference data: name the parts it needs, get each one
// once it is in, which ones failed, and one retry for those. Built on the referenceQueries
// factories, so every screen shares one cache entry per part (fetched once per session), and the
// rights rules stay where the fetchers keep them: a manager without the users right gets names from
// the Kommo page, and a refused part is a failed part of this screen, never a block of the app.
// Outside React the same parts come from fetchReferenceData (fetch-reference-data.ts, the export's chunk).
import { useQueries, type InferDataFromTag } from '@tanstack/react-query';
import { useKommoClient } from '@/lib/api/kommo-client-context';
import type { KommoClient } from '@/lib/api/kommo-client';
import { referenceQueries } from './reference-queries';

/** A part of the reference data: one factory of referenceQueries. */
export type ReferencePart = Exclude<keyof typeof referenceQueries, 'all'>;
/** What a part holds once it is in (the factory's own data type). */
export type ReferenceValue<P extends ReferencePart> = InferDataFromTag<unknown, ReturnType<(typeof referenceQueries)[P]>['queryKey']>;
export type ReferenceValues<P extends ReferencePart> = { [K in P]: ReferenceValue<K> };

export type ReferenceData<P extends ReferencePart> = {
  /** Each part asked for, once it is in: undefined while it loads, and after it failed. */
  data: Partial<ReferenceValues<P>>;
  /** The parts that failed (a 403 for a missing right included). */
  failed: ReadonlySet<P>;
  /** Some part asked for has neither data nor an error yet. */
  pending: boolean;
  /** The first failure among the parts, in the order asked; null when none failed. */
  error: unknown;
  /** Asks again for the failed parts only: the others are cached for the session. */
  refetch: () => void;
};

function partQuery(client: KommoClient, part: ReferencePart) {
  return referenceQueries[part](client);
}

/**
 * The parts of the reference data a screen needs, e.g. `useReferenceData(['account', 'pipelines'])`.
 * Pass a list kept at module scope: its order is the order of `error`'s search.
 */
export function useReferenceData<P extends ReferencePart>(parts: readonly P[]): ReferenceData<P> {
  const client = useKommoClient();
  const results = useQueries({ queries: parts.map((part) => partQuery(client, part)) });
  const entries: [P, unknown][] = [];
  const failed = new Set<P>();
  let pending = false;
  let error: unknown = null;
  parts.forEach((part, i) => {
    const result = results[i];
    if (!result) return;
    if (result.data !== undefined) entries.push([part, result.data]);
    if (result.isError) {
      failed.add(part);
      error ??= result.error;
    }
    if (result.isPending) pending = true;
  });
  const refetch = () => {
    for (const result of results) if (result.isError) void result.refetch();
  };
  // useQueries over a list of parts types each result by the union of the parts: the list's own
  // order pairs each value with its part, which is what the record's keys say.
  const data = Object.fromEntries(entries) as Partial<ReferenceValues<P>>;
  return { data, failed, pending, error, refetch };
}
