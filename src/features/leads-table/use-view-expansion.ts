import type { ExpandedState, Updater } from '@tanstack/react-table';
import { useCallback, useState } from 'react';

const NOTHING_EXPANDED: ExpandedState = {};

/**
 * The open rows of one view. They survive the next page arriving (TanStack would reset them on every
 * data change) and close when the view itself changes: the state remembers which view it belongs to.
 */
export function useViewExpansion(viewKey: string): [ExpandedState, (updater: Updater<ExpandedState>) => void] {
  const [expansion, setExpansion] = useState<{ view: string; expanded: ExpandedState }>({ view: viewKey, expanded: {} });
  const expanded = expansion.view === viewKey ? expansion.expanded : NOTHING_EXPANDED;
  const setExpanded = useCallback(
    (updater: Updater<ExpandedState>) =>
      setExpansion((prev) => {
        const current = prev.view === viewKey ? prev.expanded : NOTHING_EXPANDED;
        return { view: viewKey, expanded: typeof updater === 'function' ? updater(current) : updater };
      }),
    [viewKey],
  );
  return [expanded, setExpanded];
}
