// Where the refused-endpoints notice goes: most users are refused nothing, so the notice and its
// lines in three languages are a chunk fetched only when Kommo first refuses an endpoint.
import { useKommoClientState } from '@/lib/api/kommo-client-context';
import { ChunkBoundary, lazyChunk } from '@/lib/ui/lazy-chunk';

const notice = lazyChunk(() => import('./refused-endpoints-notice').then((m) => m.RefusedEndpointsNotice));

export function RefusedEndpointsGate() {
  const { refused, blocked } = useKommoClientState();
  if (refused.length === 0 || blocked) return null;
  return (
    <ChunkBoundary compact>
      <notice.Component />
    </ChunkBoundary>
  );
}
