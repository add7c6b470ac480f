// "Forget local data" asks once (the control) and can then be undone for a few seconds: the copy is
// off at once (views live; other tabs follow the setting through their `storage` event and let go of
// the database), and the database is deleted only when the time to undo is over. A tab closed
// meanwhile leaves a marker: the next page finishes the forget. Loaded with the control and the
// owner's sidecar, never in the first load.
import { deleteLocalCopyDatabase, localCopyDbOrigin } from './local-copy-database-names';
import type { LocalCopyHub, PendingForget } from './local-copy-hub';
import { OWNER_KEY, readEnabled, readStorage, removeStorage, writeStorage } from './local-copy-settings';

/** How long "Forget local data" can be undone before the database is deleted. */
export const FORGET_UNDO_MS = 8000;
const FORGETTING_KEY = 'klb-local-copy-forgetting';

const timers = new WeakMap<LocalCopyHub, ReturnType<typeof setTimeout>>();

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

function finishForget(hub: LocalCopyHub, pending: PendingForget): void {
  clearTimeout(timers.get(hub));
  timers.delete(hub);
  if (readForgetting()?.name === pending.name) removeStorage(FORGETTING_KEY);
  // Turned on again meanwhile (Undo in another tab): it stays.
  if (!readEnabled().includes(pending.name)) void deleteLocalCopyDatabase(pending.name).catch(() => undefined);
  const current = hub.getSnapshot().pendingForget;
  hub.setEnabled(readEnabled(), current?.name === pending.name ? null : current);
}

export function forgetLocalCopy(hub: LocalCopyHub, now: () => number = Date.now): void {
  const { owner, pendingForget } = hub.getSnapshot();
  if (!owner || pendingForget) return;
  const pending = { name: owner, until: now() + FORGET_UNDO_MS };
  writeStorage(FORGETTING_KEY, JSON.stringify(pending));
  hub.setEnabled(
    readEnabled().filter((n) => n !== owner),
    pending,
  );
  timers.set(
    hub,
    setTimeout(() => finishForget(hub, pending), FORGET_UNDO_MS),
  );
}

export function undoForget(hub: LocalCopyHub): void {
  const pending = hub.getSnapshot().pendingForget;
  if (!pending) return;
  clearTimeout(timers.get(hub));
  timers.delete(hub);
  removeStorage(FORGETTING_KEY);
  hub.setEnabled([...readEnabled().filter((n) => n !== pending.name), pending.name], null);
}

/** "Keep a local copy" (or, while a forget can still be undone, its Undo). */
export function enableLocalCopy(hub: LocalCopyHub): void {
  const { owner, pendingForget } = hub.getSnapshot();
  if (!owner) return;
  if (pendingForget?.name === owner) return undoForget(hub);
  hub.setEnabled([...readEnabled().filter((n) => n !== owner), owner], pendingForget);
}

/**
 * Once the owner is known: another account's or user's copy than last time under this origin must not
 * linger, nor a forget whose time to undo ran out in a tab that closed. A copy made under another
 * origin is left alone: a page of another Kommo tenant framing the dashboard (they share one storage
 * site) must not be able to delete this tenant's copy by opening it.
 */
export function tidyLocalCopies(hub: LocalCopyHub, owner: string, now: () => number = Date.now): void {
  const previous = readStorage(OWNER_KEY);
  if (previous && previous !== owner && localCopyDbOrigin(previous) === localCopyDbOrigin(owner)) {
    void deleteLocalCopyDatabase(previous).catch(() => undefined);
    hub.setEnabled(
      readEnabled().filter((n) => n !== previous),
      hub.getSnapshot().pendingForget,
    );
  }
  writeStorage(OWNER_KEY, owner);
  const leftover = readForgetting();
  if (leftover && leftover.until <= now() && hub.getSnapshot().pendingForget === null) finishForget(hub, leftover);
}
