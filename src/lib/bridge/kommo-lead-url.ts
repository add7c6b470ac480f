// The address of a lead's card in Kommo (`<account origin>/leads/detail/<id>`, the card URL Kommo
// itself uses), and the bridge request that makes the Kommo page open it when the app is framed.
import type { OpenLeadMessage } from './bridge-protocol';

/** The lead card's URL on an http(s) account origin; null for anything else (never a script URL). */
export function kommoLeadUrl(base: string, leadId: number): string | null {
  if (!Number.isSafeInteger(leadId) || leadId <= 0) return null;
  let origin: URL;
  try {
    origin = new URL(base);
  } catch {
    return null;
  }
  if (origin.protocol !== 'https:' && origin.protocol !== 'http:') return null;
  return `${origin.origin}/leads/detail/${leadId}`;
}

/** Asks the Kommo page (the widget) to show the lead's card itself: the sandboxed frame may not navigate it. */
export function requestOpenLead(parentWindow: Window, parentOrigin: string, leadId: number): void {
  const message: OpenLeadMessage = { type: 'klb:open-lead', leadId };
  parentWindow.postMessage(message, parentOrigin);
}
