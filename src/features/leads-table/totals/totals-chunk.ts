// The totals row is a chunk of its own, fetched with the first rows: the first load's budget has no
// room for it, and the rows never wait for it (the row appears under them a moment later).
import { lazyChunk } from '@/lib/ui/lazy-chunk';

export const totalsChunk = lazyChunk(() => import('./leads-table-totals').then((m) => m.LeadsTableTotals));
