// The open row's contents (contacts, company, products, custom fields, copy buttons) are a chunk of
// their own: only an expanded row runs them. Pointing at a row's toggle, or an idle moment after the
// first rows, fetches the chunk ahead of the click.
import { lazyChunk } from '@/lib/ui/lazy-chunk';

export const leadPanelChunk = lazyChunk(() => import('./lead-expanded-panel').then((m) => m.LeadExpandedPanel));
