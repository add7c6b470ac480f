// The local copy as a data source the app owns: one hub per page (made in main.tsx, handed down by
// LocalCopyProvider), holding whose copy this is, whether it is on in this browser, the running engine
// and its list source. The list query, load all, the summary, the export and the browser sort ask it
// through one hook (useViewSource); the header's control only shows it and sends the user's choices.
// Plain TypeScript and small: it is part of the first load; the engine itself comes in a chunk.
import type { LocalLeadsSource } from '../api/leads-source';
import { deleteLocalCopyDatabase, listLocalCopyDatabases } from './local-copy-database-names';
import { clearLocalCopySettings, OWNER_KEY, readEnabled, readStorage, removeStorage, writeEnabled, writeStorage } from './local-copy-settings';
import type { LocalCopyState, LocalCopySync } from './local-copy-sync';

/** How long "Forget local data" can be undone before the database is deleted. */
export const FORGET_UNDO_MS = 8000;
/** A forget under way (its database still there), remembered so a tab closed meanwhile still deletes it. */
const FORGETTING_KEY = 'klb-local-copy-forgetting';

export type PendingForget = { name: string; until: number };

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
  enable(): void;
  /** Called by the engine's runner: the engine, its list source and whether it may answer now. */
  attach(copy: LocalCopySync, source: LocalLeadsSource): void;
  detach(copy: LocalCopySync): void;
  /** The runner's mirror of the engine (state, fresh) after every change. */
  update(copy: LocalCopySync, fresh: boolean): void;
  markExpired(): void;
  /** Turns the copy off at once (views go live, other tabs too); the data goes after FORGET_UNDO_MS unless undone. */
  forget(): void;
  undoForget(): void;
  /** Any 401: every copy of this browser profile goes now, whoever it belongs to. */
  forgetEverything(): Promise<void>;
  dispose(): void;
};

function readForgetting(): PendingForget | null {
  try {
    const parsed: unknown = JSON.parse(readStorage(FORGETTING_KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { name, until } = parsed as Record<string, unknown>;
    return typeof name === 'string' && typeof until === 'number' ? { name, until } : null;
  } catch {
    return null;
  }
}

export type LocalCopyHubOptions = { enabledNames?: string[]; now?: () => number };

export function createLocalCopyHub({ enabledNames = readEnabled(), now = Date.now }: LocalCopyHubOptions = {}): LocalCopyHub {
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
  let forgetTimer: ReturnType<typeof setTimeout> | null = null;

  const routingOf = (): LocalCopyRouting => {
    const enabled = owner !== null && names.includes(owner);
    const opening = copy === null || copy.getState().status === 'opening';
    const deciding = !gaveUp && names.length > 0 && (owner === null ? !settled : enabled && opening);
    return { owner, enabled, deciding, source: enabled && fresh ? source : null, complete: copy?.getState().complete ?? false, expired };
  };
  let routing = routingOf();
  let snapshot: LocalCopySnapshot = { ...routing, copy, state: null, pendingForget };

  const changed = () => {
    const next = routingOf();
    if (Object.entries(next).some(([key, value]) => routing[key as keyof LocalCopyRouting] !== value)) routing = next;
    snapshot = { ...routing, copy, state: copy?.getState() ?? null, pendingForget };
    for (const listener of [...listeners]) listener();
  };

  const setNames = (next: string[]) => {
    names = next;
    writeEnabled(next);
  };

  /** The database of a forget whose undo time passed goes now (also one a closed tab left behind). */
  const finishForget = (pending: PendingForget) => {
    if (forgetTimer !== null) clearTimeout(forgetTimer);
    forgetTimer = null;
    if (pendingForget?.name === pending.name) pendingForget = null;
    if (readForgetting()?.name === pending.name) removeStorage(FORGETTING_KEY);
    // A user who turned it on again meanwhile (Undo in another tab) keeps it.
    if (!readEnabled().includes(pending.name)) void deleteLocalCopyDatabase(pending.name).catch(() => undefined);
    changed();
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
      if (next !== null && next !== owner) {
        // Another account or user than last time in this browser: its copy must not linger.
        const previous = readStorage(OWNER_KEY);
        if (previous && previous !== next) {
          void deleteLocalCopyDatabase(previous).catch(() => undefined);
          setNames(readEnabled().filter((n) => n !== previous));
        }
        writeStorage(OWNER_KEY, next);
        const leftover = readForgetting();
        if (leftover && leftover.until <= now() && pendingForget === null) finishForget(leftover);
      }
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
    enable() {
      if (!owner) return;
      if (pendingForget?.name === owner) return hub.undoForget();
      expired = false;
      setNames([...readEnabled().filter((n) => n !== owner), owner]);
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
    forget() {
      if (!owner || pendingForget) return;
      const pending = { name: owner, until: now() + FORGET_UNDO_MS };
      pendingForget = pending;
      writeStorage(FORGETTING_KEY, JSON.stringify(pending));
      // Off in this tab and (through the `storage` event) in the others: their engines let go of the database.
      setNames(readEnabled().filter((n) => n !== pending.name));
      forgetTimer = setTimeout(() => finishForget(pending), FORGET_UNDO_MS);
      changed();
    },
    undoForget() {
      const pending = pendingForget;
      if (!pending) return;
      if (forgetTimer !== null) clearTimeout(forgetTimer);
      forgetTimer = null;
      pendingForget = null;
      removeStorage(FORGETTING_KEY);
      setNames([...readEnabled().filter((n) => n !== pending.name), pending.name]);
      changed();
    },
    async forgetEverything() {
      if (forgetTimer !== null) clearTimeout(forgetTimer);
      forgetTimer = null;
      pendingForget = null;
      removeStorage(FORGETTING_KEY);
      // Views go live at once; then the running copy first: its worker lets go of the database.
      const known = clearLocalCopySettings();
      names = [];
      changed();
      await copy?.forget().catch(() => undefined);
      const all = new Set([...known, ...(await listLocalCopyDatabases())]);
      await Promise.all([...all].map((name) => deleteLocalCopyDatabase(name).catch(() => undefined)));
    },
    dispose() {
      if (forgetTimer !== null) clearTimeout(forgetTimer);
      listeners.clear();
    },
  };
  return hub;
}
