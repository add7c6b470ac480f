// The offer's estimate of time and space: the leads the user can see (counted by
// src/lib/api/leads-count.ts, since Kommo gives no total) times figures measured by `npm run bench`.

/** IndexedDB bytes a lead: 179.6 MB at 100,000 leads (docs/performance.md, run of 2026-12-01). */
export const BYTES_PER_LEAD = 1796;
/** First-sync leads a second under the app's rate limit, the user browsing meanwhile: 100,000 in 92.95 s (same run). */
export const LEADS_PER_SECOND = 1076;

export type LocalCopyEstimate = { leads: number; seconds: number; bytes: number };

export function estimateLocalCopy(leads: number): LocalCopyEstimate {
  return { leads, seconds: Math.ceil(leads / LEADS_PER_SECOND), bytes: leads * BYTES_PER_LEAD };
}
