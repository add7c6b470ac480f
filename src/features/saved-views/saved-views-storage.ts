// Saved views live in this browser's localStorage as canonical view search strings. Storage is
// untrusted input: it is validated with zod on every read, bad entries are dropped one by one,
// and a blocked or corrupt storage reads as "no saved views" instead of breaking the page.
import * as z from 'zod/mini';

export const SAVED_VIEWS_KEY = 'klb.saved-views.v1';
export const MAX_VIEW_NAME = 80;
/** Far above what a person names by hand; bounds what a corrupt or hostile storage can cost. */
export const MAX_SAVED_VIEWS = 200;
const MAX_SEARCH = 64_000;

export const savedViewSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_VIEW_NAME)),
  search: z.string().check(z.maxLength(MAX_SEARCH)),
  createdAt: z.number().check(z.int(), z.nonnegative()),
});
export type SavedView = z.infer<typeof savedViewSchema>;

/** Valid views from whatever the storage holds (any JSON, or not JSON at all). */
export function parseSavedViews(raw: string | null): SavedView[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const views: SavedView[] = [];
  const ids = new Set<string>();
  for (const item of data.slice(0, MAX_SAVED_VIEWS)) {
    const parsed = savedViewSchema.safeParse(item);
    if (parsed.success && !ids.has(parsed.data.id)) {
      ids.add(parsed.data.id);
      views.push(parsed.data);
    }
  }
  return views;
}

export function readSavedViews(storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage()): SavedView[] {
  try {
    return parseSavedViews(storage?.getItem(SAVED_VIEWS_KEY) ?? null);
  } catch {
    return [];
  }
}

/** Returns false when the browser refuses (quota, blocked third-party storage in an iframe). */
export function writeSavedViews(views: SavedView[], storage: Pick<Storage, 'setItem'> | undefined = safeLocalStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(SAVED_VIEWS_KEY, JSON.stringify(views));
    return true;
  } catch {
    return false;
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export type NameProblem = 'empty' | 'tooLong' | 'duplicate';

/** Why a name cannot be used (null when it can); `exceptId` lets a view keep its own name on rename. */
export function nameProblem(name: string, views: SavedView[], exceptId?: string): NameProblem | null {
  const trimmed = name.trim();
  if (!trimmed) return 'empty';
  if (trimmed.length > MAX_VIEW_NAME) return 'tooLong';
  const lower = trimmed.toLocaleLowerCase();
  if (views.some((v) => v.id !== exceptId && v.name.toLocaleLowerCase() === lower)) return 'duplicate';
  return null;
}

export function addView(views: SavedView[], name: string, search: string, now: number, id: string): SavedView[] {
  return [...views, { id, name: name.trim(), search, createdAt: now }].slice(-MAX_SAVED_VIEWS);
}

export function renameView(views: SavedView[], id: string, name: string): SavedView[] {
  return views.map((v) => (v.id === id ? { ...v, name: name.trim() } : v));
}

export function deleteView(views: SavedView[], id: string): SavedView[] {
  return views.filter((v) => v.id !== id);
}

/** Puts a deleted view back where it was (undo); a view with its id or name already there wins. */
export function restoreView(views: SavedView[], view: SavedView, index: number): SavedView[] {
  if (views.some((v) => v.id === view.id) || nameProblem(view.name, views) !== null) return views;
  const at = Math.max(0, Math.min(index, views.length));
  return [...views.slice(0, at), view, ...views.slice(at)].slice(0, MAX_SAVED_VIEWS);
}
