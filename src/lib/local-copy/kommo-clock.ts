// Kommo's clock as this page last heard it: the `Date` header of Kommo's answers (RFC 9110: the
// moment the origin made the response), carried forward by the page's monotonic clock. The local
// copy's cursors come from here, never from the browser's wall clock, which may be minutes off; and
// not from the newest `updated_at` alone, which the API lets an integration set to any time.
import type { Transport } from '@/lib/api/transport';

export type KommoClock = {
  /** Records a `Date` header (ignored when missing or not a date). */
  observe(dateHeader: string | undefined): void;
  /** Kommo's "now" in Unix seconds, or null before any answer carried a Date. */
  nowSeconds(): number | null;
};

/** `monotonic`: milliseconds that only move forward (performance.now), immune to the wall clock's jumps. */
export function createKommoClock(monotonic: () => number = () => performance.now()): KommoClock {
  let heard: { kommoMs: number; at: number } | null = null;
  const estimate = () => (heard === null ? null : heard.kommoMs + (monotonic() - heard.at));
  return {
    observe(dateHeader) {
      if (dateHeader === undefined) return;
      const kommoMs = Date.parse(dateHeader);
      if (!Number.isFinite(kommoMs)) return;
      // Answers arrive out of order and the header has whole seconds: never step the clock back.
      const current = estimate();
      if (current !== null && kommoMs <= current) return;
      heard = { kommoMs, at: monotonic() };
    },
    nowSeconds() {
      const ms = estimate();
      return ms === null ? null : Math.floor(ms / 1000);
    },
  };
}

/** The page's one reading of Kommo's clock, fed by every answer of the app's transport. */
export const pageKommoClock: KommoClock = createKommoClock();

/** The transport with every answer's `Date` header read into `clock`. */
export function observeKommoClock(transport: Transport, clock: KommoClock = pageKommoClock): Transport {
  return {
    kind: transport.kind,
    async get(request) {
      const response = await transport.get(request);
      clock.observe(response.headers['date']);
      return response;
    },
  };
}
