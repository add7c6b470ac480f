// Sign-in with Kommo: a one-time token in, a session out; and, on every request after, whether
// that session still stands (not idle, not too old, its user still active in the account).
import type { AuditLog } from '@/server/audit-log.ts';
import type { Logger } from '@/server/redacting-logger.ts';
import type { SharedStore } from '@/server/store/shared-store.ts';
import type { AccountDirectory, DirectoryUser } from './account-directory.ts';
import { CLOCK_TOLERANCE_SECONDS, checkOneTimeToken } from './one-time-token.ts';
import type { TokenRefusal } from './one-time-token.ts';
import type { Session, SessionStore } from './session-store.ts';

export type KommoAuthOptions = {
  clientId: string;
  secret: string;
  /** The upstream's origin: the `iss` Kommo writes. */
  issuer: string;
  /** PUBLIC_URL's origin: the `aud` Kommo writes (the integration's redirect URI). */
  audience: string;
  store: SharedStore;
  sessions: SessionStore;
  directory: AccountDirectory;
  audit: AuditLog;
  logger: Logger;
  now?: () => number;
};

export type SignInResult = { ok: true; cookieValue: string; session: Session } | { ok: false; reason: TokenRefusal };

/** Why a request has no usable session. */
export type SessionRefusal = 'sign-in-required' | 'inactive-user' | 'unknown-user' | 'unavailable';

export type SessionCheck = { ok: true; session: Session; user: DirectoryUser } | { ok: false; reason: SessionRefusal };

export type KommoAuth = {
  signIn(token: string, address: string, via: 'kommo' | 'demo'): Promise<SignInResult>;
  check(cookieValue: string | undefined): Promise<SessionCheck>;
  signOut(cookieValue: string | undefined, address: string): Promise<void>;
};

/** What the log line and the page say about each refusal (never the token itself). */
export const REFUSAL_DETAIL: Record<TokenRefusal | SessionRefusal, string> = {
  'missing-token': 'No one-time token was sent: open the dashboard from Kommo.',
  malformed: 'The one-time token is not a Kommo token (malformed or missing claims).',
  algorithm: 'The one-time token is not signed with HS256.',
  signature: "The one-time token's signature does not match this integration's secret key.",
  expired: 'The one-time token has expired: open the dashboard from Kommo again.',
  'not-yet-valid': 'The one-time token is not valid yet (check the server clock).',
  'other-integration': 'The one-time token was issued for another integration.',
  'other-account': 'The one-time token was issued for another Kommo account.',
  'other-issuer': 'The one-time token was issued by another Kommo address.',
  'other-audience': 'The one-time token was issued for another address than this server (check PUBLIC_URL and the redirect URI).',
  replayed: 'This one-time token was already used: open the dashboard from Kommo again.',
  'unknown-user': 'The Kommo user is not a user of this account.',
  'inactive-user': 'The Kommo user is deactivated in this account.',
  unavailable: 'Kommo could not be asked about the account or its users just now: try again in a moment.',
  'sign-in-required': 'Sign in with Kommo first: open the dashboard from Kommo.',
};

export function createKommoAuth(o: KommoAuthOptions): KommoAuth {
  const now = o.now ?? Date.now;

  const refuse = (reason: TokenRefusal, address: string, via: 'kommo' | 'demo', userId?: number): SignInResult => {
    o.audit.record({ event: 'sign-in', outcome: 'refused', reason, address, via, ...(userId === undefined ? {} : { userId }) });
    o.logger.warn(`sign-in refused (${reason}) from ${address}: ${REFUSAL_DETAIL[reason]}`);
    return { ok: false, reason };
  };

  return {
    async signIn(token, address, via) {
      let accountId: number;
      try {
        accountId = (await o.directory.account()).id;
      } catch {
        return refuse('unavailable', address, via);
      }
      const checked = await checkOneTimeToken(token, {
        secret: o.secret,
        clientId: o.clientId,
        accountId,
        issuer: o.issuer,
        audience: o.audience,
        now: now(),
      });
      if (!checked.ok) return refuse(checked.reason, address, via);
      const { claims } = checked;
      // Kept until the token could no longer pass the time check anyway.
      const keepMs = (claims.exp + CLOCK_TOLERANCE_SECONDS) * 1000 - now() + 1000;
      let fresh: boolean;
      try {
        fresh = await o.store.setIfAbsent(`jti:${o.clientId}:${claims.jti}`, String(claims.userId), Math.max(1000, keepMs));
      } catch {
        return refuse('unavailable', address, via, claims.userId);
      }
      if (!fresh) return refuse('replayed', address, via, claims.userId);
      let user: DirectoryUser | null;
      try {
        user = await o.directory.user(claims.userId);
      } catch {
        return refuse('unavailable', address, via, claims.userId);
      }
      if (user === null) return refuse('unknown-user', address, via, claims.userId);
      if (!user.active) return refuse('inactive-user', address, via, claims.userId);
      const { cookieValue, session } = await o.sessions.create({ userId: user.id, accountId, name: user.name, isAdmin: user.isAdmin });
      o.audit.record({ event: 'sign-in', outcome: 'accepted', userId: user.id, accountId, address, via });
      o.logger.info(`signed in: user ${user.id} from ${address}`);
      return { ok: true, cookieValue, session };
    },

    async check(cookieValue) {
      if (cookieValue === undefined || cookieValue === '') return { ok: false, reason: 'sign-in-required' };
      let session: Session | null;
      try {
        session = await o.sessions.read(cookieValue);
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
      if (session === null) return { ok: false, reason: 'sign-in-required' };
      let user: DirectoryUser | null;
      try {
        user = await o.directory.user(session.userId);
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
      if (user === null || !user.active) {
        const reason = user === null ? 'unknown-user' : 'inactive-user';
        await o.sessions.end(cookieValue).catch(() => undefined);
        o.audit.record({ event: 'session-ended', userId: session.userId, reason });
        return { ok: false, reason };
      }
      return { ok: true, session, user };
    },

    async signOut(cookieValue, address) {
      if (cookieValue === undefined) return;
      const session = await o.sessions.read(cookieValue).catch(() => null);
      await o.sessions.end(cookieValue);
      if (session !== null) o.audit.record({ event: 'sign-out', userId: session.userId, address });
    },
  };
}
