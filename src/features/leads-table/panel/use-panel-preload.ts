import { useEffect } from 'react';
import { leadPanelChunk } from './lead-panel-chunk';

const PANEL_PRELOAD_AFTER_MS = 4000;

/**
 * The open row's chunk, fetched a few seconds after the grid appears (or on pointing at a toggle):
 * by the time a row is opened, from the keyboard too, its contents are usually here.
 */
export function usePanelPreload(): void {
  useEffect(() => {
    const timer = setTimeout(leadPanelChunk.preload, PANEL_PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
}
