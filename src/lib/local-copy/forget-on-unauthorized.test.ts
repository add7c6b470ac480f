// @vitest-environment jsdom
// Any 401 through the app's transport (the first /account at page load included) deletes every copy
// of the browser profile: the running one, every database the browser lists, and the settings.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeTransport, jsonResponse, problemResponse } from '../api/fake-transport.testing';
import { forgetLocalCopiesOnUnauthorized, onEveryLocalCopyForgotten } from './forget-on-unauthorized';
import { localCopyDbName } from './local-copy-database-names';
import { OWNER_KEY, readEnabled, writeEnabled } from './local-copy-settings';
import { setActiveLocalCopy } from './local-list-chunk';
import type { LocalCopySync } from './local-copy-sync';

afterEach(() => {
  vi.unstubAllGlobals();
  setActiveLocalCopy(null);
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
    setActiveLocalCopy({ forget } as unknown as LocalCopySync);
    const told = new Promise<void>((resolve) => onEveryLocalCopyForgotten(resolve));

    const transport = forgetLocalCopiesOnUnauthorized(createFakeTransport(() => problemResponse(401, { title: 'Unauthorized' })));
    const answer = await transport.get(request());
    expect(answer.status).toBe(401);
    await told;
    expect(forget).toHaveBeenCalledTimes(1);
    expect(deleted.sort()).toEqual([mine, other].sort());
    expect(readEnabled()).toEqual([]);
    expect(localStorage.getItem(OWNER_KEY)).toBeNull();
  });

  it('passes every other answer through and deletes nothing', async () => {
    writeEnabled(['klb-local-copy-1-2@http://x']);
    const transport = forgetLocalCopiesOnUnauthorized(createFakeTransport(() => jsonResponse(200, { id: 1 })));
    expect((await transport.get(request())).status).toBe(200);
    expect(readEnabled()).toEqual(['klb-local-copy-1-2@http://x']);
  });
});
