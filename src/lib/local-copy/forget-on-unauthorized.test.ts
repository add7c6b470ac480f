// @vitest-environment jsdom
// Any 401 through the app's transport (the first /account at page load included) deletes every copy
// of the browser profile: the running one, every database the browser lists, and the settings.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeTransport, jsonResponse, problemResponse } from '@/lib/api/fake-transport.testing';
import { forgetLocalCopiesOnUnauthorized } from './forget-on-unauthorized';
import { localCopyDbName } from './local-copy-database-names';
import { createLocalCopyHub } from './local-copy-hub';
import { OWNER_KEY, readEnabled, writeEnabled } from './local-copy-settings';
import type { LocalCopySync } from './local-copy-sync';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

const request = () => ({ path: '/api/v4/account', query: '', signal: new AbortController().signal });

describe('forgetLocalCopiesOnUnauthorized', () => {
  it('deletes every copy the browser lists, the running one and the settings on a 401, and tells the feature', async () => {
    const mine = localCopyDbName('http://127.0.0.1:3000', 1, 2);
    const other = localCopyDbName('https://acme.kommo.com', 1, 3);
    writeEnabled([mine]);
    localStorage.setItem(OWNER_KEY, mine);
    const deleted: string[] = [];
    vi.stubGlobal('indexedDB', {
      databases: () => Promise.resolve([{ name: mine }, { name: other }, { name: 'someone-elses-db' }]),
      deleteDatabase(name: string) {
        deleted.push(name);
        const req: { onsuccess?: () => void } = {};
        setTimeout(() => req.onsuccess?.());
        return req;
      },
    });
    const forget = vi.fn(() => Promise.resolve());
    const hub = createLocalCopyHub();
    hub.setOwner(mine, true);
    const running = { forget, isFresh: () => true, getState: () => ({ status: 'ready', complete: true }) } as unknown as LocalCopySync;
    hub.attach(running, { kind: 'local', key: `local:${mine}`, read: () => Promise.reject(new Error('not read here')) });
    expect(hub.getRouting()).toMatchObject({ enabled: true, source: { key: `local:${mine}` } });
    const told = new Promise<void>((resolve) => {
      const stop = hub.subscribe(() => {
        if (!hub.getRouting().enabled) {
          stop();
          resolve();
        }
      });
    });

    const transport = forgetLocalCopiesOnUnauthorized(
      createFakeTransport(() => problemResponse(401, { title: 'Unauthorized' })),
      hub,
    );
    const answer = await transport.get(request());
    expect(answer.status).toBe(401);
    await told;
    // Views go live at once: no list may be answered from a copy that is being deleted.
    expect(hub.getRouting().source).toBeNull();
    await vi.waitFor(() => expect(deleted.sort()).toEqual([mine, other].sort()));
    expect(forget).toHaveBeenCalledTimes(1);
    expect(readEnabled()).toEqual([]);
    expect(localStorage.getItem(OWNER_KEY)).toBeNull();
  });

  it('passes every other answer through and deletes nothing', async () => {
    writeEnabled(['klb-local-copy-1-2@http://x']);
    const transport = forgetLocalCopiesOnUnauthorized(
      createFakeTransport(() => jsonResponse(200, { id: 1 })),
      createLocalCopyHub(),
    );
    expect((await transport.get(request())).status).toBe(200);
    expect(readEnabled()).toEqual(['klb-local-copy-1-2@http://x']);
  });
});
