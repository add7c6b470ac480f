// The attention column's stage age is a chunk of its own, fetched only when that column is shown:
// the first load's budget has no room for the event log's reading and its words.
import { lazyChunk } from '@/lib/ui/lazy-chunk';

export const stageAgeChunk = lazyChunk(() => import('./stage-age-sidecar').then((m) => m.StageAgeSidecar));
