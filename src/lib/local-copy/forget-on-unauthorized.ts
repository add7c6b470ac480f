// Any 401, from any request of the page (the first `/account` at page load included, before a copy
// is even opened): the session or token is gone, and so is the right to keep what it could read.
// Every copy of this browser profile is deleted, whichever account, user or origin it belongs to.
import type { Transport } from '../api/transport';
import { deleteLocalCopyDatabase, listLocalCopyDatabases } from './local-copy-database-names';
import { observeKommoClock } from './kommo-clock';
import { clearLocalCopySettings } from './local-copy-settings';
import { getActiveLocalCopy } from './local-list-chunk';

const listeners = new Set<() => void>();

/** Told after every copy was deleted (the local-copy feature turns itself off). */
export function onEveryLocalCopyForgotten(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

let forgetting: Promise<void> | null = null;

export function forgetEveryLocalCopy(): Promise<void> {
  forgetting ??= (async () => {
    try {
      // The running copy first: its worker lets go of the database and its index stops answering.
      await getActiveLocalCopy()
        ?.forget()
        .catch(() => undefined);
      const names = new Set([...clearLocalCopySettings(), ...(await listLocalCopyDatabases())]);
      await Promise.all([...names].map((name) => deleteLocalCopyDatabase(name).catch(() => undefined)));
      for (const listener of [...listeners]) listener();
    } finally {
      forgetting = null;
    }
  })();
  return forgetting;
}

/**
 * The transport the app uses: every answer passes through, a 401 deletes every copy, and every
 * answer's Date header sets the page's reading of Kommo's clock (the copy's cursors, kommo-clock.ts).
 */
export function forgetLocalCopiesOnUnauthorized(transport: Transport): Transport {
  return observeKommoClock({
    kind: transport.kind,
    async get(request) {
      const response = await transport.get(request);
      // Not awaited: the copy's own walk may be the request that got the 401, and its forget waits for it.
      if (response.status === 401) void forgetEveryLocalCopy();
      return response;
    },
  });
}
