// Reading Kommo's lists leniently: one odd value never fails the page it came in. An item that does
// not fit its schema is repaired by dropping the values zod names (the key, or the list item that
// holds it) until it fits; each dropped value is counted so the UI can say how many it could not read.
import * as z from 'zod/mini';

export type LenientResult<T> = { data: T; repaired: number };

/** Enough for a lead with a few odd fields; past it the item is beyond repair and is dropped. */
const MAX_REPAIRS = 25;

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';

function holderOf(root: unknown, path: readonly PropertyKey[]): Container | null {
  let node: unknown = root;
  for (const key of path) {
    if (!isContainer(node)) return null;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return isContainer(node) ? node : null;
}

/** Removes the value at `path`; when nothing is there (a required key is missing) removes what holds it. */
function dropAt(root: unknown, path: readonly PropertyKey[]): boolean {
  for (let p = path; p.length > 0; p = p.slice(0, -1)) {
    const key = p[p.length - 1];
    const holder = holderOf(root, p.slice(0, -1));
    if (holder === null) continue;
    if (Array.isArray(holder)) {
      if (typeof key === 'number' && key < holder.length) {
        holder.splice(key, 1);
        return true;
      }
    } else if (typeof key === 'string' && Object.hasOwn(holder, key)) {
      delete holder[key];
      return true;
    }
  }
  return false;
}

/** The item parsed, with how many of its values had to be dropped; null when even its root is unreadable. */
export function parseLeniently<S extends z.ZodMiniType>(schema: S, input: unknown): LenientResult<z.output<S>> | null {
  const first = z.safeParse(schema, input);
  if (first.success) return { data: first.data, repaired: 0 };
  if (!isContainer(input)) return null;
  const copy: unknown = structuredClone(input);
  let repaired = 0;
  let issues = first.error.issues;
  while (repaired < MAX_REPAIRS) {
    // One issue at a time: dropping a list item shifts the indexes the other issues name.
    const issue = issues[0];
    if (issue === undefined || issue.path.length === 0 || !dropAt(copy, issue.path)) return null;
    repaired += 1;
    const next = z.safeParse(schema, copy);
    if (next.success) return { data: next.data, repaired };
    issues = next.error.issues;
  }
  return null;
}
