// Kommo's one-time tokens (developers.kommo.com/docs/one-time-tokens): a JWT signed HS256 with the
// integration's secret key, got from the Kommo page by a widget and posted to the integration's own
// server to sign that user in. Claims as amocrm-api-php's DisposableTokenModel::fromJwtToken reads
// them: jti, client_uuid, iss (the account's address), subdomain, account_id, user_id, is_admin, exp;
// the docs add aud (the origin of the integration's redirect URI), iat and nbf. The official client
// checks only the signature, aud and time; this also checks the integration, account, issuer and that
// the token id was never used (Kommo does not enforce single use).
import { SignJWT, errors, jwtVerify } from 'jose';

/** Why a token was refused: also the code the sign-in page and the audit log show. */
export type TokenRefusal =
  | 'missing-token'
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'other-integration'
  | 'other-account'
  | 'other-issuer'
  | 'other-audience'
  | 'replayed'
  | 'unknown-user'
  | 'inactive-user'
  | 'unavailable';

export type OneTimeTokenClaims = {
  jti: string;
  userId: number;
  accountId: number;
  clientUuid: string;
  /** Seconds since the epoch. */
  exp: number;
  isAdmin: boolean;
};

export type TokenExpectations = {
  /** KOMMO_CLIENT_SECRET: the integration's secret key. */
  secret: string;
  /** KOMMO_CLIENT_ID: the integration's id, claim `client_uuid`. */
  clientId: string;
  accountId: number;
  /** The upstream's origin (`https://acme.kommo.com`). */
  issuer: string;
  /** PUBLIC_URL's origin. */
  audience: string;
  /** "Now" in milliseconds; tests move it. */
  now?: number;
};

/** Kommo's one-time tokens live 30 minutes; this much clock difference is forgiven either way. */
export const CLOCK_TOLERANCE_SECONDS = 60;
const MAX_TOKEN_LENGTH = 4096;

export type TokenCheck = { ok: true; claims: OneTimeTokenClaims } | { ok: false; reason: TokenRefusal };

function originOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

function positiveInteger(value: unknown): number | null {
  const number = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null;
}

function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JWTClaimValidationFailed) return error.claim === 'nbf' ? 'not-yet-valid' : 'malformed';
  return 'malformed';
}

/** Checks everything a token says about itself (not yet single use or the user: see the sign-in route). */
export async function checkOneTimeToken(token: string, expected: TokenExpectations): Promise<TokenCheck> {
  const text = token.trim();
  if (text === '') return { ok: false, reason: 'missing-token' };
  if (text.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)) return { ok: false, reason: 'malformed' };
  let payload: Record<string, unknown>;
  try {
    const verified = await jwtVerify(text, new TextEncoder().encode(expected.secret), {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: expected.now === undefined ? undefined : new Date(expected.now),
      requiredClaims: ['exp', 'jti'],
    });
    payload = verified.payload;
  } catch (error) {
    return { ok: false, reason: refusalOf(error) };
  }
  if (payload.client_uuid !== expected.clientId) return { ok: false, reason: 'other-integration' };
  const accountId = positiveInteger(payload.account_id);
  if (accountId !== expected.accountId) return { ok: false, reason: 'other-account' };
  if (originOf(payload.iss) !== expected.issuer) return { ok: false, reason: 'other-issuer' };
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((aud) => originOf(aud) === expected.audience)) return { ok: false, reason: 'other-audience' };
  const userId = positiveInteger(payload.user_id);
  const jti = typeof payload.jti === 'string' && payload.jti.length <= 200 ? payload.jti : '';
  if (userId === null || jti === '' || typeof payload.exp !== 'number') return { ok: false, reason: 'malformed' };
  return { ok: true, claims: { jti, userId, accountId, clientUuid: expected.clientId, exp: payload.exp, isAdmin: payload.is_admin === true } };
}

export type MintOptions = {
  secret: string;
  clientId: string;
  accountId: number;
  subdomain: string;
  issuer: string;
  audience: string;
  userId: number;
  isAdmin: boolean;
  /** Seconds since the epoch; defaults to now. */
  issuedAt?: number;
  /** Defaults to Kommo's 30 minutes. */
  lifetimeSeconds?: number;
  jti?: string;
};

/** Mints a token as Kommo does (the demo account's "Sign in as…" and the tests). */
export async function mintOneTimeToken(o: MintOptions): Promise<string> {
  const iat = o.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ account_id: o.accountId, user_id: o.userId, client_uuid: o.clientId, subdomain: o.subdomain, is_admin: o.isAdmin })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(o.issuer)
    .setAudience(o.audience)
    .setJti(o.jti ?? crypto.randomUUID())
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + (o.lifetimeSeconds ?? 30 * 60))
    .sign(new TextEncoder().encode(o.secret));
}
