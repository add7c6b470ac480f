// The embedded app's transport: each GET goes by postMessage to the widget script in the Kommo page,
// which runs it same-origin against /api/v4 with the signed-in user's session. Thin on purpose:
// error typing, rate limiting and retries live in the Kommo client above every transport.
import { isAllowedApiPath } from '@/kommo/api-paths';
import type { Transport, TransportRequest, TransportResponse } from '@/lib/api/transport';
import { errorMessageSchema, responseMessageSchema, type CancelMessage, type RequestMessage } from './bridge-protocol';

/** The window the transport listens on: the iframe's own window (injectable for tests). */
export type MessageListenerTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;
export type MessageTarget = Pick<Window, 'postMessage'>;

export type BridgeTransportOptions = {
  /** The Kommo page's exact origin, learnt at the handshake. */
  parentOrigin: string;
  /** `window.parent`: the only window whose answers count. */
  targetWindow: MessageTarget;
  /** How long the parent has to answer one request. */
  timeoutMs: number;
  listenOn?: MessageListenerTarget;
  createId?: () => string;
};

export const DEFAULT_BRIDGE_TIMEOUT_MS = 30_000;

/** The signal's own reason when it is a DOMException (AbortError, TimeoutError), else a plain AbortError. */
function abortError(signal: AbortSignal): DOMException {
  return signal.reason instanceof DOMException ? signal.reason : new DOMException('Aborted', 'AbortError');
}

type Pending = { resolve: (r: TransportResponse) => void; reject: (e: unknown) => void; settle: () => void };

export function createBridgeTransport({
  parentOrigin,
  targetWindow,
  timeoutMs,
  listenOn = window,
  createId = () => crypto.randomUUID(),
}: BridgeTransportOptions): Transport {
  const pending = new Map<string, Pending>();

  // One listener for every request; an id is forgotten once answered, so a replay finds nothing.
  const handleMessage = (event: MessageEvent) => {
    if (event.origin !== parentOrigin || event.source !== targetWindow) return;
    const data: unknown = event.data;
    const response = responseMessageSchema.safeParse(data);
    if (response.success) {
      const entry = pending.get(response.data.id);
      if (!entry) return;
      entry.settle();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.data.headers)) if (value !== undefined) headers[name] = value;
      entry.resolve({ status: response.data.status, headers, body: response.data.body });
      return;
    }
    const failure = errorMessageSchema.safeParse(data);
    if (failure.success) {
      const entry = pending.get(failure.data.id);
      if (!entry) return;
      entry.settle();
      entry.reject(
        new TypeError(failure.data.reason === 'forbidden' ? 'The Kommo page refused the request' : 'The Kommo page could not reach the Kommo API'),
      );
    }
  };
  listenOn.addEventListener('message', handleMessage);

  const post = (message: RequestMessage | CancelMessage) => targetWindow.postMessage(message, parentOrigin);

  return {
    kind: 'bridge',
    get({ path, query, signal }: TransportRequest): Promise<TransportResponse> {
      if (signal.aborted) return Promise.reject(abortError(signal));
      // The parent refuses these too; failing here keeps a bad call from leaving the iframe at all.
      if (!isAllowedApiPath(path)) return Promise.reject(new TypeError(`Not an allowed Kommo API path: ${path}`));
      const id = createId();
      return new Promise<TransportResponse>((resolve, reject) => {
        const cancel = () => post({ type: 'klb:cancel', id });
        const timer = setTimeout(() => {
          settle();
          cancel();
          reject(new DOMException(`The Kommo page did not answer within ${Math.round(timeoutMs / 1000)} s`, 'TimeoutError'));
        }, timeoutMs);
        const handleAbort = () => {
          settle();
          cancel();
          reject(abortError(signal));
        };
        const settle = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', handleAbort);
          pending.delete(id);
        };
        signal.addEventListener('abort', handleAbort, { once: true });
        pending.set(id, { resolve, reject, settle });
        post({ type: 'klb:request', id, path, query });
      });
    },
  };
}
