// Fault switches for tests of the client and the proxy: settable programmatically, and over HTTP
// (`/__demo/faults`) only when the demo account is created with `faults: true`.
import { z } from 'zod';

export type FaultSettings = {
  /** Delay of every answer, in ms: the call still arrives (and counts against the rate limit) at once. */
  latencyMs: number;
  /** Share (0..1) of requests answered 500 with a trace_id; spread evenly by a counter, not randomly. */
  errorRate: number;
  /** The next N requests get 429 with Retry-After. */
  burst429: number;
  /** Every request gets 403 with an nginx HTML body, until cleared. */
  blocked403: boolean;
  /** Every request gets 401 as for a wrong or expired token, until cleared. */
  unauthorized401: boolean;
  /** Error bodies are nginx HTML instead of problem+json. */
  htmlErrors: boolean;
  /** 200 answers carry truncated JSON. */
  malformedJson: boolean;
  /** Requests are never answered; they stay open until the client aborts. */
  hang: boolean;
  /** Requests fail as a dropped connection (see DemoConnectionDroppedError). */
  dropConnection: boolean;
  /** When set, faults apply only to request paths starting with it (e.g. `/api/v4/leads`). */
  pathPrefix: string | null;
};

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  burst429: 0,
  blocked403: false,
  unauthorized401: false,
  htmlErrors: false,
  malformedJson: false,
  hang: false,
  dropConnection: false,
  pathPrefix: null,
});

export const faultPatchSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  burst429: z.number().int().min(0).max(1_000_000).optional(),
  blocked403: z.boolean().optional(),
  unauthorized401: z.boolean().optional(),
  htmlErrors: z.boolean().optional(),
  malformedJson: z.boolean().optional(),
  hang: z.boolean().optional(),
  dropConnection: z.boolean().optional(),
  pathPrefix: z.string().startsWith('/').max(200).nullable().optional(),
});
export type FaultPatch = z.infer<typeof faultPatchSchema>;

/** For the server reading e.g. a DEMO_FAULTS env value: a JSON object of FaultSettings fields. */
export function parseFaultPatch(input: unknown): { ok: true; patch: FaultPatch } | { ok: false; error: string } {
  const result = faultPatchSchema.safeParse(input);
  if (result.success) return { ok: true, patch: result.data };
  return { ok: false, error: result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') };
}

export type FaultController = {
  get: () => FaultSettings;
  /** Merges the patch into the current settings and returns them. */
  set: (patch: FaultPatch) => FaultSettings;
  reset: () => void;
  /** True when faults apply to this path. */
  appliesTo: (path: string) => boolean;
  /** Consumes one request of a 429 burst; true when this request must get a 429. */
  takeBurst429: () => boolean;
  /** Counts one request against errorRate; true when this request must get a 500. */
  takeError: () => boolean;
};

export function createFaultController(initial: FaultPatch = {}): FaultController {
  let settings: FaultSettings = { ...NO_FAULTS, ...initial };
  let requests = 0;
  return {
    get: () => ({ ...settings }),
    set(patch) {
      settings = { ...settings, ...patch };
      if (patch.errorRate !== undefined) requests = 0;
      return { ...settings };
    },
    reset() {
      settings = { ...NO_FAULTS };
      requests = 0;
    },
    appliesTo: (path) => settings.pathPrefix === null || path.startsWith(settings.pathPrefix),
    takeBurst429() {
      if (settings.burst429 <= 0) return false;
      settings = { ...settings, burst429: settings.burst429 - 1 };
      return true;
    },
    takeError() {
      const rate = settings.errorRate;
      if (rate <= 0) return false;
      // Evenly spread: request n fails when ceil(n * rate) steps up (rate 0.25: the 1st, 5th, 9th...).
      requests++;
      return Math.ceil(requests * rate) > Math.ceil((requests - 1) * rate);
    },
  };
}

/**
 * Thrown by the demo app for `dropConnection`: `app.fetch`/`app.request` reject with it (as a
 * network failure rejects `fetch`). When the app is served by @hono/node-server directly, the
 * socket is destroyed first, so an HTTP client sees a reset connection.
 */
export class DemoConnectionDroppedError extends Error {
  constructor() {
    super('demo account fault: connection dropped');
    this.name = 'DemoConnectionDroppedError';
  }
}
