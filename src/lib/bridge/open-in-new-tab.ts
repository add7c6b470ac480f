// "Open in a new tab" inside Kommo (issue 21): the framed app cannot sign its new tab in (it has no
// session and no token); the widget in the Kommo page can, with a one-time token. The app names the
// view to land on; everything else happens in the widget.
import type { OpenTabMessage } from './bridge-protocol';

/** The view's path and query, as the standalone app would show it, from the app's shareable URL. */
export function viewPathOf(shareableUrl: string): string {
  const url = new URL(shareableUrl);
  return url.pathname + url.search;
}

export function requestOpenInNewTab(parentWindow: Window, parentOrigin: string, path: string): void {
  const message: OpenTabMessage = { type: 'klb:open-tab', path };
  parentWindow.postMessage(message, parentOrigin);
}
