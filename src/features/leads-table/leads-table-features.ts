// The table's feature registry, at module scope so its identity never changes between renders.
import {
  columnOrderingFeature,
  columnPinningFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  metaHelper,
  rowExpandingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { OrderField } from '@/kommo/leads-query';
import type { LeadColumnDefinition } from '@/lib/leads-list/lead-column-registry';
import type { LeadsTableMessageKey } from './leads-table-messages';

export type LeadColumnMeta = {
  /** Catalogue key of the table's own header (the ▶ toggle); lead columns carry their header in `label`. */
  labelKey?: LeadsTableMessageKey;
  label?: string;
  /** The lead column's definition: its value for the cell and the browser sort. */
  definition?: LeadColumnDefinition;
  /** Kommo can order the list by this column (server-side sorting). */
  sortField?: OrderField;
  align?: 'end';
};

export const leadsTableFeatures = tableFeatures({
  columnVisibilityFeature,
  columnOrderingFeature,
  columnPinningFeature,
  columnSizingFeature,
  columnResizingFeature,
  rowExpandingFeature,
  columnMeta: metaHelper<LeadColumnMeta>(),
});

export type LeadsTableFeatures = typeof leadsTableFeatures;
