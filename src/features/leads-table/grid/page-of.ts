/** The page a row is on, given each page's first row (ascending): the grid's rows and the cards share it. */
export function pageOf(pageStarts: readonly number[], index: number): number {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pageStarts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
