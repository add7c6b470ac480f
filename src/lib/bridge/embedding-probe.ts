// Decides at start whether the app runs inside Kommo, and which origin the parent claims to have.
// Nothing here is trusted on its own: the candidate must pass the allowlist, the first hello goes
// to that exact origin only, and the handshake answer must come from window.parent at that origin.

export const EMBEDDED_PARAM = 'embedded';
/** Optional hint in the fragment, for browsers without ancestorOrigins and pages that send no referrer. */
export const PARENT_HINT_PARAM = 'klb-parent';

export type EmbeddingProbe = {
  search: string;
  hash: string;
  referrer: string;
  /** `location.ancestorOrigins` (Chromium, Safari): set by the browser, so preferred when present. */
  ancestorOrigins: readonly string[] | null;
  /** True when the page has a parent window (it is in a frame). */
  framed: boolean;
};

export function readEmbeddingProbe(win: Window): EmbeddingProbe {
  const ancestors = win.location.ancestorOrigins;
  return {
    search: win.location.search,
    hash: win.location.hash,
    referrer: win.document.referrer,
    ancestorOrigins: ancestors ? Array.from(ancestors) : null,
    framed: win.parent !== win,
  };
}

/** Embedded means both: loaded with `?embedded=1` and actually inside a frame. */
export function isEmbedded(probe: EmbeddingProbe): boolean {
  return probe.framed && new URLSearchParams(probe.search).get(EMBEDDED_PARAM) === '1';
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The origin the parent probably has; null when nothing names one. Still to be checked against the allowlist. */
export function candidateParentOrigin(probe: EmbeddingProbe): string | null {
  if (probe.ancestorOrigins !== null && probe.ancestorOrigins.length > 0) return originOf(probe.ancestorOrigins[0] ?? '');
  const fromReferrer = probe.referrer === '' ? null : originOf(probe.referrer);
  if (fromReferrer !== null) return fromReferrer;
  const hint = new URLSearchParams(probe.hash.replace(/^#/, '')).get(PARENT_HINT_PARAM);
  return hint === null ? null : originOf(hint);
}
