/** The open row panel's DOM id, named by the row's toggle (aria-controls). */
export function expandedPanelId(leadId: number): string {
  return `lead-panel-${leadId}`;
}
