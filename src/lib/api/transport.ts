// One small interface between the fetch layer and the wire. The proxy transport (standalone) and
// the postMessage bridge (inside Kommo) both implement it; everything above it is transport-agnostic.

/** What a transport hands back: the raw answer, before any typing or parsing. */
export type TransportResponse = {
  status: number;
  /** Lower-cased header names; only the ones that matter: content-type, retry-after, date (Kommo's clock). */
  headers: Record<string, string>;
  /** The body as text ('' for 204); parsing happens above, at the boundary. */
  body: string;
};

export type TransportRequest = {
  /** An allowlisted API path, e.g. `/api/v4/leads` (see src/kommo/api-paths.ts). */
  path: string;
  /** The query string without '?', as produced by the Kommo codecs. */
  query: string;
  signal: AbortSignal;
  /** Load all, read-ahead, the local copy's sync: the proxy serves it after every visible list. */
  walk?: boolean;
};

export type TransportKind = 'proxy' | 'bridge';

export interface Transport {
  readonly kind: TransportKind;
  /** GET only. Rejects with a DOMException 'AbortError' when aborted, and with a TypeError on network failure. */
  get(request: TransportRequest): Promise<TransportResponse>;
}
