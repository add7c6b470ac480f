// Inside the widget's modal, keys pressed in the dashboard stay in the iframe and never reach the
// Kommo page, so Escape there would not close the modal: the app asks the widget to (klb:close).
import { useEffect } from 'react';
import { useAppMode } from '@/lib/bridge/app-mode-context';

/** Open overlays of the app that Escape closes first (Mantine's modals, popovers, menus, lists). */
const OVERLAY_SELECTOR = '[role="dialog"], [role="menu"], [role="listbox"]';

/** Whether this key press should close the widget's modal: a plain Escape with no overlay of the app open. */
export function isEscapeForWidget(event: KeyboardEvent, doc: Document): boolean {
  if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return false;
  // A part of the app that takes Escape itself (an open lead's panel closes on it).
  if (event.target instanceof Element && event.target.closest('[data-owns-escape]')) return false;
  return ![...doc.querySelectorAll(OVERLAY_SELECTOR)].some(isShown);
}

/** A kept-mounted drawer (the phone's "More") stays in the DOM while closed: only a shown one counts. */
function isShown(element: Element): boolean {
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : true;
}

/** Sidecar: when embedded, Escape (not taken by an overlay of the app) sends klb:close to the widget. */
export function EscapeClosesWidget() {
  const mode = useAppMode();
  const session = mode.kind === 'embedded' ? mode.session : null;
  useEffect(() => {
    if (session === null) return undefined;
    // Capture phase: decided while an overlay that this Escape is about to close is still in the DOM.
    const handleKey = (event: KeyboardEvent) => {
      if (isEscapeForWidget(event, document)) session.requestClose();
    };
    window.addEventListener('keydown', handleKey, true);
    return () => window.removeEventListener('keydown', handleKey, true);
  }, [session]);
  return null;
}
