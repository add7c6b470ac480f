// AbortSignal.any with a fallback: the widget iframe may run in browsers older than its arrival
// (Chrome 116, Safari 17.4, Firefox 124). `release` drops the fallback's listeners once the
// linked wait is over, so long-lived signals (the client's block signal) do not collect them.
export type LinkedSignal = { signal: AbortSignal; release: () => void };

export function anySignal(signals: readonly AbortSignal[]): LinkedSignal {
  if (typeof AbortSignal.any === 'function') return { signal: AbortSignal.any([...signals]), release: () => {} };
  const controller = new AbortController();
  const aborted = signals.find((s) => s.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return { signal: controller.signal, release: () => {} };
  }
  const release = () => {
    for (const s of signals) s.removeEventListener('abort', onAbort);
  };
  const onAbort = (event: Event) => {
    release();
    controller.abort((event.target as AbortSignal).reason);
  };
  for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, release };
}
