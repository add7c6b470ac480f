// Esc in a lead's open panel (the grid's row or the phone's card): the focus goes back to the list
// first, then that lead becomes the active row and its panel closes.
import type { Row } from '@tanstack/react-table';
import { useCallback, useEffect, useRef } from 'react';
import type { Lead } from '@/kommo/lead-schema';
import type { LeadsTableFeatures } from '@/features/leads-table/leads-table-features';

/** `focusList`: where the keyboard goes back to for that lead (the grid itself, or the lead's card). */
export function useClosePanel(
  rows: Row<LeadsTableFeatures, Lead>[],
  setActiveIndex: (index: number) => void,
  focusList: (leadId: number) => void,
): (leadId: number) => void {
  // Read when Esc is pressed, so the context (and every cell under it) does not change with the rows.
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const focusRef = useRef(focusList);
  focusRef.current = focusList;
  return useCallback(
    (leadId: number) => {
      const index = rowsRef.current.findIndex((r) => r.original.id === leadId);
      const row = rowsRef.current[index];
      if (!row) return;
      // Focus first: the panel holding the focus is about to unmount, which would drop it to <body>.
      focusRef.current(leadId);
      setActiveIndex(index);
      row.toggleExpanded(false);
    },
    [setActiveIndex],
  );
}
