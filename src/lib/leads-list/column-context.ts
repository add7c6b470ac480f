// What a column definition reads besides the lead: the reference data (names, the account's zone),
// the contacts, companies and catalog elements fetched for the leads at hand, and the words.
import type { CatalogElement } from '@/kommo/catalog-schema';
import type { Company, Contact } from '@/kommo/contact-schema';
import type { DeferredLookup, LeadLookups } from '@/lib/reference-data/lead-reference';
import type { LeadColumnTexts } from './lead-column-messages';

/** Entities fetched by id: the table asks for the pages in view, an export for every lead. */
export type ColumnEntities = {
  contacts: ReadonlyMap<number, Contact>;
  companies: ReadonlyMap<number, Company>;
  /** Keyed by `catalogElementKey(catalogId, elementId)`. */
  catalogElements: ReadonlyMap<string, CatalogElement>;
  /** Kinds still being fetched: a name not found yet is pending, not an id. */
  pending?: ReadonlySet<'contacts' | 'companies' | 'catalogElements'>;
};

export type ColumnContext = {
  ref: LeadLookups & {
    /** The account's zone (src/lib/time): dates are read and shown in it. */
    timeZone: string;
    /** Reference lists not in yet (the table draws before all arrive); an export has none. */
    waiting?: ReadonlySet<DeferredLookup>;
  };
  entities: ColumnEntities;
  text: LeadColumnTexts;
  /** The lead's card in Kommo (the files' link column); null where there is no Kommo page (demo). */
  leadUrl?: ((leadId: number) => string | null) | null;
  /**
   * The instant days overdue and days without a change are counted at (ms). A sort or an export
   * fixes one for all its leads: read lead by lead off the clock, two leads due at the same time
   * could fall on either side of a whole day. Absent: the clock, per read (a cell as it draws).
   */
  nowMs?: number;
};

export function catalogElementKey(catalogId: number | null, elementId: number): string {
  return `${catalogId ?? 'none'}:${elementId}`;
}

export const NO_ENTITIES: ColumnEntities = { contacts: new Map(), companies: new Map(), catalogElements: new Map() };
