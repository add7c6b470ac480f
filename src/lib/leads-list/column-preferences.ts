// The column chooser's choices, remembered per browser. Read defensively: storage may be blocked
// (third-party iframe) or hold an older shape, and neither may break the table.
import * as z from 'zod/mini';

export const DENSITIES = ['compact', 'normal', 'comfortable'] as const;
export type Density = (typeof DENSITIES)[number];
export const ROW_HEIGHTS: Record<Density, number> = { compact: 32, normal: 40, comfortable: 52 };

const preferencesSchema = z.object({
  visibility: z.catch(z.record(z.string(), z.boolean()), {}),
  order: z.catch(z.array(z.string()), []),
  sizing: z.catch(z.record(z.string(), z.number().check(z.positive())), {}),
  density: z.catch(z.enum(DENSITIES), 'normal'),
});
export type ColumnPreferences = z.infer<typeof preferencesSchema>;

export const COLUMN_PREFERENCES_KEY = 'klb.leadsTable.columns.v1';

export function defaultPreferences(hidden: readonly string[]): ColumnPreferences {
  return { visibility: Object.fromEntries(hidden.map((id) => [id, false])), order: [], sizing: {}, density: 'normal' };
}

export function loadPreferences(hidden: readonly string[], storage: Storage | undefined = safeStorage()): ColumnPreferences {
  try {
    const raw = storage?.getItem(COLUMN_PREFERENCES_KEY);
    if (!raw) return defaultPreferences(hidden);
    const parsed = preferencesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : defaultPreferences(hidden);
  } catch {
    return defaultPreferences(hidden);
  }
}

export function savePreferences(prefs: ColumnPreferences, storage: Storage | undefined = safeStorage()): void {
  try {
    storage?.setItem(COLUMN_PREFERENCES_KEY, JSON.stringify(prefs));
  } catch {
    // Blocked or full storage: the choice then lasts for the session only.
  }
}

export function clearPreferences(storage: Storage | undefined = safeStorage()): void {
  try {
    storage?.removeItem(COLUMN_PREFERENCES_KEY);
  } catch {
    // See savePreferences.
  }
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Moves `id` one step within the full order (filling in unknown ids in their default order first). */
export function moveColumn(order: readonly string[], allIds: readonly string[], id: string, delta: -1 | 1): string[] {
  const full = [...order.filter((c) => allIds.includes(c)), ...allIds.filter((c) => !order.includes(c))];
  const from = full.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= full.length) return full;
  const next = [...full];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/**
 * Shows a column and puts it first after the pinned name (a view about due dates opens with the due
 * date in view). The other columns keep their order; the choice is the user's like any other.
 */
export function withColumnFirst(prefs: ColumnPreferences, id: string): ColumnPreferences {
  const rest = prefs.order.filter((c) => c !== id);
  return { ...prefs, order: [id, ...rest], visibility: { ...prefs.visibility, [id]: true } };
}
