/**
 * Dropdowns of the filter drawer open inside it, under its sticky footer (a higher z-index there):
 * portalled to the page, a long list floated over Apply and took its clicks.
 */
export const DROPDOWN_IN_DRAWER = { withinPortal: false, zIndex: 2 } as const;

/** The footer's layer: above the form's own stacked parts (segmented controls, in-drawer dropdowns). */
export const DRAWER_FOOTER_Z = 3;
