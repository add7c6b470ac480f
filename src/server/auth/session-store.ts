// Signed-in sessions, in the shared store (memory or Redis) so any instance can read one. The
// cookie holds 32 random bytes; the store keys sessions by their SHA-256, so whoever reads the store
// (a Redis dump) cannot turn a key back into a working cookie.
import { createHash, randomBytes } from 'node:crypto';
import type { SharedStore } from '@/server/store/shared-store.ts';

export type Session = {
  userId: number;
  accountId: number;
  name: string;
  isAdmin: boolean;
  /** Milliseconds since the epoch. */
  createdAt: number;
  lastSeenAt: number;
};

export type SessionLimits = {
  /** A session unused this long ends (SESSION_IDLE_MINUTES). */
  idleMs: number;
  /** A session ends this long after sign-in, used or not (SESSION_MAX_HOURS). */
  maxMs: number;
};

export type SessionStore = {
  create(user: Omit<Session, 'createdAt' | 'lastSeenAt'>): Promise<{ cookieValue: string; session: Session }>;
  /** The live session behind a cookie value, its idle clock reset; null when unknown, idle or too old. */
  read(cookieValue: string): Promise<Session | null>;
  end(cookieValue: string): Promise<void>;
};

// The idle clock is written back at most this often, not on every API call of a page.
const TOUCH_EVERY_MS = 60_000;
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

function keyOf(cookieValue: string): string {
  return `session:${createHash('sha256').update(cookieValue).digest('base64url')}`;
}

function parseSession(text: string | null): Session | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<Session>;
    if (typeof value.userId !== 'number' || typeof value.accountId !== 'number' || typeof value.createdAt !== 'number') return null;
    if (typeof value.lastSeenAt !== 'number') return null;
    return {
      userId: value.userId,
      accountId: value.accountId,
      name: String(value.name ?? ''),
      isAdmin: value.isAdmin === true,
      createdAt: value.createdAt,
      lastSeenAt: value.lastSeenAt,
    };
  } catch {
    return null;
  }
}

export function createSessionStore(store: SharedStore, limits: SessionLimits, now: () => number = Date.now): SessionStore {
  const ttl = (session: Session, at: number) => Math.min(limits.idleMs, session.createdAt + limits.maxMs - at);
  return {
    async create(user) {
      const at = now();
      const session: Session = { ...user, createdAt: at, lastSeenAt: at };
      const cookieValue = randomBytes(32).toString('base64url');
      await store.set(keyOf(cookieValue), JSON.stringify(session), ttl(session, at));
      return { cookieValue, session };
    },
    async read(cookieValue) {
      if (!COOKIE_VALUE.test(cookieValue)) return null;
      const key = keyOf(cookieValue);
      const session = parseSession(await store.get(key));
      if (session === null) return null;
      const at = now();
      if (at - session.lastSeenAt >= limits.idleMs || at - session.createdAt >= limits.maxMs) {
        await store.delete(key);
        return null;
      }
      if (at - session.lastSeenAt >= TOUCH_EVERY_MS) {
        const touched = { ...session, lastSeenAt: at };
        await store.set(key, JSON.stringify(touched), ttl(touched, at));
        return touched;
      }
      return session;
    },
    async end(cookieValue) {
      if (COOKIE_VALUE.test(cookieValue)) await store.delete(keyOf(cookieValue));
    },
  };
}
