// The phone's card list is a chunk of its own: a desktop never downloads it, and the first load
// keeps its budget (the table body is what a wide screen draws).
import { lazyChunk } from '@/lib/ui/lazy-chunk';

export const leadCardsChunk = lazyChunk(() => import('./lead-cards').then((m) => m.LeadCards));
