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
import type { OrderField } from '../../kommo/leads-query';
import type { LeadsTableMessageKey } from './leads-table-messages';

export type LeadColumnMeta = {
  /** Catalogue key of the header; custom fields carry their CRM name in `label` instead. */
  labelKey?: LeadsTableMessageKey;
  label?: string;
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
