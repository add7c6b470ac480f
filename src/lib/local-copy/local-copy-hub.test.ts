// @vitest-environment jsdom
// The local copy as one declared source: whose copy, whether lists wait for it (no flip on open),
// when it answers, and "Forget local data" that can be undone until the database is deleted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalLeadsSource } from '@/lib/leads/leads-source';
import { FORGET_UNDO_MS, forgetLocalCopy, tidyLocalCopies, undoForget } from './local-copy-forget';
import { createLocalCopyHub } from './local-copy-hub';
import { OWNER_KEY, readEnabled, writeEnabled } from './local-copy-settings';
import type { LocalCopyState } from './local-copy-state';
import type { LocalCopySync } from './local-copy-sync';
import { viewSourceOf } from './use-view-source';

const MINE = 'klb-local-copy-1-2@http://127.0.0.1:3000';
const source: LocalLeadsSource = { kind: 'local', key: `local:${MINE}`, read: () => Promise.reject(new Error('not read here')) };

function fakeCopy(status: LocalCopyState['status'], fresh: boolean, complete = true) {
  const state = { status, complete } as LocalCopyState;
  const copy = { getState: () => state, isFresh: () => fresh } as unknown as LocalCopySync;
  return { copy, set: (next: Partial<LocalCopyState>) => Object.assign(state, next) };
}

let deleted: string[];
beforeEach(() => {
  deleted = [];
  vi.stubGlobal('indexedDB', {
    databases: () => Promise.resolve([]),
    deleteDatabase(name: string) {
      deleted.push(name);
      const request: { onsuccess?: () => void } = {};
      setTimeout(() => request.onsuccess?.());
      return request;
    },
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('the local copy hub', () => {
  it('with no copy turned on in this browser, lists go live at once (nothing to wait for)', () => {
    const hub = createLocalCopyHub({ enabledNames: [] });
    expect(viewSourceOf(hub.getRouting(), {})).toEqual({ local: false, source: { kind: 'live', key: 'live' }, reason: 'off' });
  });

  it('with a copy on, lists wait until it has opened, then a fresh complete copy answers the first view (no flip)', () => {
    writeEnabled([MINE]);
    const hub = createLocalCopyHub();
    // The account is not known yet: it may be this user's copy.
    expect(viewSourceOf(hub.getRouting(), {})).toMatchObject({ local: false, reason: 'deciding' });
    hub.setOwner(MINE, false);
    const { copy, set } = fakeCopy('opening', false);
    hub.attach(copy, source);
    expect(viewSourceOf(hub.getRouting(), {})).toMatchObject({ local: false, reason: 'deciding' });
    set({ status: 'refreshing' });
    hub.update(copy, true);
    expect(viewSourceOf(hub.getRouting(), {})).toEqual({ local: true, source });
    // What the copy cannot answer as Kommo does goes live, and says why.
    expect(viewSourceOf(hub.getRouting(), { query: 'acme' })).toMatchObject({ local: false, reason: 'full-text-search' });
  });

  it('a copy that is not this user’s, or an account that failed, never holds the lists', () => {
    writeEnabled(['klb-local-copy-9-9@http://127.0.0.1:3000']);
    const hub = createLocalCopyHub();
    hub.setOwner(MINE, true);
    expect(viewSourceOf(hub.getRouting(), {})).toMatchObject({ local: false, reason: 'off' });
    const failed = createLocalCopyHub();
    failed.setOwner(null, true);
    expect(viewSourceOf(failed.getRouting(), {})).toMatchObject({ local: false, reason: 'off' });
  });

  it('a copy that does not open in time leaves the view to Kommo', () => {
    writeEnabled([MINE]);
    const hub = createLocalCopyHub();
    hub.setOwner(MINE, false);
    hub.stopDeciding();
    expect(viewSourceOf(hub.getRouting(), {})).toMatchObject({ local: false, reason: 'syncing' });
  });

  it('a stale or incomplete copy says so; the routing object changes only when the answer may', () => {
    writeEnabled([MINE]);
    const hub = createLocalCopyHub();
    hub.setOwner(MINE, false);
    const walking = fakeCopy('walking', false, false);
    hub.attach(walking.copy, source);
    expect(viewSourceOf(hub.getRouting(), {})).toMatchObject({ reason: 'syncing' });
    const before = hub.getRouting();
    hub.update(walking.copy, false);
    expect(hub.getRouting()).toBe(before);
    walking.set({ status: 'ready', complete: true });
    hub.update(walking.copy, false);
    expect(viewSourceOf(hub.getRouting(), {})).toMatchObject({ reason: 'stale' });
  });

  it('Forget turns the copy off at once, can be undone while the data is there, and deletes it after', () => {
    vi.useFakeTimers();
    writeEnabled([MINE]);
    const hub = createLocalCopyHub();
    hub.setOwner(MINE, false);
    const { copy } = fakeCopy('ready', true);
    hub.attach(copy, source);
    expect(viewSourceOf(hub.getRouting(), {}).local).toBe(true);

    forgetLocalCopy(hub);
    // Views live at once; other tabs read the same setting (their `storage` event).
    expect(viewSourceOf(hub.getRouting(), {})).toMatchObject({ local: false, reason: 'off' });
    expect(readEnabled()).toEqual([]);
    expect(hub.getSnapshot().pendingForget?.name).toBe(MINE);
    vi.advanceTimersByTime(FORGET_UNDO_MS - 1);
    expect(deleted).toEqual([]);
    undoForget(hub);
    expect(readEnabled()).toEqual([MINE]);
    expect(hub.getSnapshot().pendingForget).toBeNull();
    vi.advanceTimersByTime(FORGET_UNDO_MS * 2);
    expect(deleted).toEqual([]);

    forgetLocalCopy(hub);
    vi.advanceTimersByTime(FORGET_UNDO_MS);
    expect(deleted).toEqual([MINE]);
    expect(hub.getSnapshot().pendingForget).toBeNull();
    expect(readEnabled()).toEqual([]);
  });

  it('a forget left unfinished by a closed tab is finished at the next open; a previous owner’s copy is deleted', () => {
    // What a tab closed within the time to undo leaves behind: the copy off, its marker, its database.
    localStorage.setItem('klb-local-copy-forgetting', JSON.stringify({ name: MINE, until: Date.now() - 1 }));
    writeEnabled([]);
    const next = createLocalCopyHub();
    tidyLocalCopies(next, MINE);
    expect(deleted).toEqual([MINE]);

    const other = 'klb-local-copy-1-3@http://127.0.0.1:3000';
    writeEnabled([MINE]);
    tidyLocalCopies(createLocalCopyHub(), other);
    expect(deleted).toEqual([MINE, MINE]);
    expect(readEnabled()).toEqual([]);
    expect(localStorage.getItem(OWNER_KEY)).toBe(other);
  });

  it('a copy made under another parent origin is neither deleted nor turned off by opening under this one', () => {
    const tenantA = 'klb-local-copy-1-2@https://acme.kommo.com';
    const tenantB = 'klb-local-copy-1-2@https://rival.kommo.com';
    writeEnabled([tenantA]);
    localStorage.setItem(OWNER_KEY, tenantA);
    tidyLocalCopies(createLocalCopyHub(), tenantB);
    expect(deleted).toEqual([]);
    expect(readEnabled()).toEqual([tenantA]);
    expect(localStorage.getItem(OWNER_KEY)).toBe(tenantB);
    // Under tenant B, another user of it: B's previous copy goes, as before.
    tidyLocalCopies(createLocalCopyHub(), 'klb-local-copy-1-9@https://rival.kommo.com');
    expect(deleted).toEqual([tenantB]);
  });
});
