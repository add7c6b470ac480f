// The local copy as a data source the app owns: one hub per page (made in main.tsx, handed down by
// LocalCopyProvider), holding whose copy this is, whether it is on in this browser, the running engine
// and its list source. The list query, load all, the summary, the export and the browser sort ask it
// through one hook (useViewSource); the header's control only shows it and sends the user's choices.
// Plain TypeScript and small: it is part of the first load; the engine itself comes in a chunk.
import type { LocalLeadsSource } from '@/lib/leads/leads-source';
import { clearLocalCopySettings, readEnabled, writeEnabled } from './local-copy-settings';
import type { LocalCopyState } from './local-copy-state';
import type { LocalCopySync } from './local-copy-sync';

/** A forget that can still be undone: the copy is off, its database still there until `until`. */
export type PendingForget = { name: string; until: number };
/**
 * The longest lists wait, from the page's start, for a copy that is on to open before they go live
 * instead: a guard against a hang (a failed download or a failed open ends the wait at once), generous
 * because a first view asked live and then answered by the copy is the flip this wait exists to avoid.
 */
export const DECIDE_WITHIN_MS = 15_000;

/** What the lists need to know: changes only when the answer to "which source?" may change. */
export type LocalCopyRouting = {
  /** The copy of this origin, account and user (its database name); null until the account is known. */
  owner: string | null;
  /** The owner's copy is turned on in this browser. */
  enabled: boolean;
  /** A copy is on but not open yet: lists wait for it instead of going live and then flipping. */
  deciding: boolean;
  /** The running copy's list source, when it is complete and fresh; else null. */
  source: LocalLeadsSource | null;
  /** The running copy holds every lead (it may still be stale). */
  complete: boolean;
  /** The hourly check found the copy differs from Kommo: it answers nothing until it is repaired. */
  differs: boolean;
  /** The copy found on opening was over the age limit: it was deleted and is being made again. */
  expired: boolean;
};

export type LocalCopySnapshot = LocalCopyRouting & {
  copy: LocalCopySync | null;
  state: LocalCopyState | null;
  pendingForget: PendingForget | null;
};

export type LocalCopyHub = {
  getSnapshot(): LocalCopySnapshot;
  /** Stable between changes of routing only (cheap for the table to follow). */
  getRouting(): LocalCopyRouting;
  subscribe(listener: () => void): () => void;
  /** The signed-in owner (null while unknown); `settled` when it cannot become known (the account failed). */
  setOwner(owner: string | null, settled: boolean): void;
  /** Another tab changed the list of copies turned on (the `storage` event). */
  reloadEnabled(): void;
  /** The copy did not open in time (its code or its worker): lists stop waiting and go live. */
  stopDeciding(): void;
  /** Called by the engine's runner: the engine, its list source and whether it may answer now. */
  attach(copy: LocalCopySync, source: LocalLeadsSource): void;
  detach(copy: LocalCopySync): void;
  /** The runner's mirror of the engine (state, fresh) after every change. */
  update(copy: LocalCopySync, fresh: boolean): void;
  markExpired(): void;
  /** The copies turned on in this browser (also written to its settings, which other tabs follow), and a forget under way. */
  setEnabled(names: string[], pendingForget: PendingForget | null): void;
  /** Any 401: every copy of this browser profile goes now, whoever it belongs to. */
  forgetEverything(): Promise<void>;
  dispose(): void;
};

export type LocalCopyHubOptions = { enabledNames?: string[] };

export function createLocalCopyHub({ enabledNames = readEnabled() }: LocalCopyHubOptions = {}): LocalCopyHub {
  const listeners = new Set<() => void>();
  let names = enabledNames;
  let owner: string | null = null;
  let settled = false;
  let gaveUp = false;
  let copy: LocalCopySync | null = null;
  let source: LocalLeadsSource | null = null;
  let fresh = false;
  let expired = false;
  let pendingForget: PendingForget | null = null;

  const routingOf = (): LocalCopyRouting => {
    const enabled = owner !== null && names.includes(owner);
    const opening = copy === null || copy.getState().status === 'opening';
    const deciding = !gaveUp && names.length > 0 && (owner === null ? !settled : enabled && opening);
    return {
      owner,
      enabled,
      deciding,
      source: enabled && fresh ? source : null,
      complete: copy?.getState().complete ?? false,
      differs: copy?.getState().stale ?? false,
      expired,
    };
  };
  let routing = routingOf();
  // A copy that does not open in time (its code, its worker) leaves the first view to Kommo.
  const decideTimer = names.length > 0 ? setTimeout(() => hub.stopDeciding(), DECIDE_WITHIN_MS) : undefined;
  let snapshot: LocalCopySnapshot = { ...routing, copy, state: null, pendingForget };

  const changed = () => {
    const next = routingOf();
    if (Object.entries(next).some(([key, value]) => routing[key as keyof LocalCopyRouting] !== value)) routing = next;
    snapshot = { ...routing, copy, state: copy?.getState() ?? null, pendingForget };
    for (const listener of [...listeners]) listener();
  };

  const hub: LocalCopyHub = {
    getSnapshot: () => snapshot,
    getRouting: () => routing,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setOwner(next, isSettled) {
      settled = isSettled;
      owner = next;
      changed();
    },
    reloadEnabled() {
      names = readEnabled();
      changed();
    },
    stopDeciding() {
      gaveUp = true;
      changed();
    },
    setEnabled(next, pending) {
      names = next;
      writeEnabled(next);
      pendingForget = pending;
      if (owner !== null && next.includes(owner)) expired = false;
      changed();
    },
    attach(next, nextSource) {
      copy = next;
      source = nextSource;
      fresh = next.isFresh();
      changed();
    },
    detach(old) {
      if (copy !== old) return;
      copy = null;
      source = null;
      fresh = false;
      changed();
    },
    update(from, isFresh) {
      if (copy !== from) return;
      fresh = isFresh;
      changed();
    },
    markExpired() {
      expired = true;
      changed();
    },
    async forgetEverything() {
      pendingForget = null;
      // Views go live at once; then the running copy first (its worker lets go of the database), then every database.
      const known = clearLocalCopySettings();
      names = [];
      changed();
      const { forgetEveryLocalCopy } = await import('./forget-every-local-copy');
      await forgetEveryLocalCopy(copy, known);
    },
    dispose() {
      clearTimeout(decideTimer);
      listeners.clear();
    },
  };
  return hub;
}
