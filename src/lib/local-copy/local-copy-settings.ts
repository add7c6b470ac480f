// What this browser remembers about its copies, outside the copies themselves: which ones the user
// turned on and whose copy was last opened. Inside Kommo's iframe the browser may refuse storage
// altogether (third-party context): reading throws there, so every access is guarded.

/** Copies (database names) the user turned on in this browser. */
export const ENABLED_KEY = 'klb-local-copy-enabled';
/** The database of the last origin, account and user seen here. */
export const OWNER_KEY = 'klb-local-copy-owner';

export function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage full or refused: the copy still runs for this page view.
  }
}

export function removeStorage(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Refused: nothing was kept either.
  }
}

export function readEnabled(): string[] {
  try {
    const parsed: unknown = JSON.parse(readStorage(ENABLED_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function writeEnabled(names: string[]): void {
  writeStorage(ENABLED_KEY, JSON.stringify(names));
}

/** Forgets every copy's settings (a 401: nothing of that session stays in the browser). */
export function clearLocalCopySettings(): string[] {
  const known = [...readEnabled(), readStorage(OWNER_KEY) ?? ''].filter((n) => n !== '');
  removeStorage(ENABLED_KEY);
  removeStorage(OWNER_KEY);
  return known;
}
