import type { Lead } from '@/kommo/lead-schema';
import { STREAM_PAGE_SIZE } from '@/lib/leads/leads-stream';

export type LeadPages = { pages: Lead[][]; pageStarts: number[] };

/** A list cut into pages of the stream's size, so contacts and companies still load per page in view. */
export function toPages(leads: readonly Lead[]): LeadPages {
  const pages: Lead[][] = [];
  const pageStarts: number[] = [];
  for (let start = 0; start < leads.length; start += STREAM_PAGE_SIZE) {
    pageStarts.push(start);
    pages.push(leads.slice(start, start + STREAM_PAGE_SIZE));
  }
  return { pages, pageStarts: pageStarts.length > 0 ? pageStarts : [0] };
}
