// Any 401, from any request of the page (the first `/account` at page load included, before a copy
// is even opened): the session or token is gone, and so is the right to keep what it could read.
// Every copy of this browser profile is deleted, whichever account, user or origin it belongs to.
import type { Transport } from '@/lib/api/transport';
import { observeKommoClock } from './kommo-clock';
import type { LocalCopyHub } from './local-copy-hub';

/**
 * The transport the app uses: every answer passes through, a 401 deletes every copy (through the
 * page's hub), and every answer's Date header sets the page's reading of Kommo's clock (the copy's
 * cursors, kommo-clock.ts).
 */
export function forgetLocalCopiesOnUnauthorized(transport: Transport, hub: LocalCopyHub): Transport {
  return observeKommoClock({
    kind: transport.kind,
    async get(request) {
      const response = await transport.get(request);
      // Not awaited: the copy's own walk may be the request that got the 401, and its forget waits for it.
      if (response.status === 401) void hub.forgetEverything();
      return response;
    },
  });
}
