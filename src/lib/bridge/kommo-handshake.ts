// The iframe side of the handshake: say hello to the (allowlisted) parent origin until the widget
// script answers with the Kommo context, then keep listening for context updates from that window.
import { BRIDGE_PROTOCOL_VERSION, contextMessageSchema, type CloseMessage, type HelloMessage, type KommoContext } from './bridge-protocol';
import type { MessageListenerTarget, MessageTarget } from './bridge-transport';
import type { PageDirectory } from '@/lib/api/page-directory';
import { readPageDirectory } from './kommo-page-directory';

export type KommoSession = {
  parentOrigin: string;
  getContext(): KommoContext;
  /** The page's people and the user's rights, from the latest context; null when the page sent none readable. */
  getPageDirectory(): PageDirectory | null;
  /** For useSyncExternalStore: runs after the parent sends a new context. */
  subscribe(listener: () => void): () => void;
  /** Asks the widget to close its modal (klb:close), to the parent window at its origin only. */
  requestClose(): void;
  close(): void;
};

export type ConnectOptions = {
  parentOrigin: string;
  parentWindow: MessageTarget;
  listenOn?: MessageListenerTarget;
  timeoutMs: number;
  /** The hello is repeated in case the widget script attached its listener late. */
  helloIntervalMs?: number;
};

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

export class HandshakeTimeoutError extends Error {
  override readonly name = 'HandshakeTimeoutError';
}

export function connectToKommo({
  parentOrigin,
  parentWindow,
  listenOn = window,
  timeoutMs,
  helloIntervalMs = 500,
}: ConnectOptions): Promise<KommoSession> {
  return new Promise((resolve, reject) => {
    let context: KommoContext | null = null;
    let directory: PageDirectory | null = null;
    const listeners = new Set<() => void>();

    const handleMessage = (event: MessageEvent) => {
      if (event.origin !== parentOrigin || event.source !== parentWindow) return;
      const parsed = contextMessageSchema.safeParse(event.data);
      if (!parsed.success) return;
      const { account, user, lang, page } = parsed.data;
      const first = context === null;
      context = { account, user, lang };
      directory = readPageDirectory(page);
      if (first) {
        clearInterval(helloTimer);
        clearTimeout(deadline);
        resolve(session);
      } else {
        for (const listener of [...listeners]) listener();
      }
    };

    const session: KommoSession = {
      parentOrigin,
      getContext: () => {
        if (context === null) throw new Error('The Kommo context is read before the handshake finished');
        return context;
      },
      getPageDirectory: () => directory,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      requestClose: () => {
        const message: CloseMessage = { type: 'klb:close' };
        parentWindow.postMessage(message, parentOrigin);
      },
      close: () => listenOn.removeEventListener('message', handleMessage),
    };

    const hello: HelloMessage = { type: 'klb:hello', version: BRIDGE_PROTOCOL_VERSION };
    const sayHello = () => parentWindow.postMessage(hello, parentOrigin);
    const helloTimer = setInterval(sayHello, helloIntervalMs);
    const deadline = setTimeout(() => {
      clearInterval(helloTimer);
      session.close();
      reject(new HandshakeTimeoutError(`No answer from the Kommo page at ${parentOrigin} within ${timeoutMs} ms`));
    }, timeoutMs);
    // Attached after the timers exist: a message event is never dispatched before this task ends.
    listenOn.addEventListener('message', handleMessage);
    sayHello();
  });
}
