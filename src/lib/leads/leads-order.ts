// The order a list is shown in. A module of its own, with no runtime imports: the local copy's
// worker needs it too, without the fetch layer.
import type { LeadsQuery } from '@/kommo/leads-query';

export type LeadsOrder = NonNullable<LeadsQuery['order']>;

/**
 * The app's order when the view names none: newest first, as a manager expects a list to open.
 * Kommo's own default (no `order`) is oldest first, so every stream sends this explicitly; the URL
 * stays empty for it, and a link with an explicit order keeps that order.
 */
export const DEFAULT_LEADS_ORDER: LeadsOrder = { field: 'created_at', direction: 'desc' };

/** The order a view is shown in: its own, or the app's default. */
export function effectiveOrder(order: LeadsQuery['order']): LeadsOrder {
  return order ?? DEFAULT_LEADS_ORDER;
}
