// The list query keeps the last view's rows while the copy reads the next view (no skeleton and
// remount between two local views), and never keeps a live list's rows: Kommo may take seconds.
import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { LeadsView } from '@/kommo/leads-query';
import { createKommoClient } from '@/lib/api/kommo-client';
import { createFakeTransport, noContent } from '@/lib/api/fake-transport.testing';
import { leadQueries } from './lead-queries';
import { LIVE_SOURCE, type LocalLeadsSource } from './leads-source';
import type { LocalLeadsChunk } from './leads-stream';

const client = createKommoClient(
  createFakeTransport(() => noContent),
  { ratePerSecond: 100_000 },
);
const won: LeadsView = { filter: { statuses: [{ pipeline_id: 1, status_id: 142 }] } };
const lost: LeadsView = { filter: { statuses: [{ pipeline_id: 1, status_id: 143 }] } };

/** A copy whose reads wait until released, so what the list shows meanwhile can be seen. */
function slowCopy() {
  const waiting: (() => void)[] = [];
  const source: LocalLeadsSource = {
    kind: 'local',
    key: 'local:test',
    read: (view) =>
      new Promise<LocalLeadsChunk>((resolve) =>
        waiting.push(() => resolve({ source: 'local', leads: [], next: null, local: { count: view === won ? 3 : 4, priceSum: 0, asOf: 0 } })),
      ),
  };
  return { source, release: () => waiting.splice(0).forEach((go) => go()) };
}

describe('the leads list query', () => {
  it('shows the last local view until the copy answers the next one', async () => {
    const queryClient = new QueryClient();
    const copy = slowCopy();
    const observer = new InfiniteQueryObserver(queryClient, leadQueries.list(client, won, copy.source));
    const seen: { count: number | undefined; placeholder: boolean; pending: boolean }[] = [];
    const unsubscribe = observer.subscribe((r) => {
      const first = r.data?.pages[0];
      seen.push({ count: first?.source === 'local' ? first.local.count : undefined, placeholder: r.isPlaceholderData, pending: r.isPending });
    });
    await new Promise((r) => setTimeout(r, 0));
    copy.release();
    await vi.waitFor(() => expect(observer.getCurrentResult().data?.pages[0]).toMatchObject({ local: { count: 3 } }));
    observer.setOptions(leadQueries.list(client, lost, copy.source));
    expect(observer.getCurrentResult()).toMatchObject({ isPending: false, isPlaceholderData: true });
    await new Promise((r) => setTimeout(r, 0));
    copy.release();
    await vi.waitFor(() =>
      expect(observer.getCurrentResult()).toMatchObject({ isPlaceholderData: false, data: { pages: [{ local: { count: 4 } }] } }),
    );
    unsubscribe();
    // Once answered, the skeleton never came back between the two views.
    expect(seen.filter((s) => s.count !== undefined).every((s) => !s.pending)).toBe(true);
  });

  it('does not keep a live list while Kommo answers the next view', () => {
    expect(leadQueries.list(client, won, LIVE_SOURCE).placeholderData).toBeUndefined();
  });
});
