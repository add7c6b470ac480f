/** The totals row's height (two lines: the sum, the average): the grid keeps rows the keyboard moves to clear of it. */
export const TOTALS_HEIGHT = 44;
