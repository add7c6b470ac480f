// The sign-in surface: POST /auth/kommo (a one-time token in, a session cookie out), POST
// /auth/sign-out, GET /auth/session (who is signed in, for the app), GET /auth/continue (back to the
// link that was opened before signing in), the demo's "Sign in as…" (its team, and a token minted
// for the one picked), and the gate every /api/* and /__demo/* request passes.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { problemResponse, statusTitle } from '@/server/problem-response.ts';
import type { ServerEnv } from '@/server/server-env.ts';
import type { KommoAuth, SessionRefusal } from './kommo-auth.ts';
import { REFUSAL_DETAIL } from './kommo-auth.ts';
import type { TokenRefusal } from './one-time-token.ts';

/** One of the demo's team on "Sign in as…": `key` names the role, which the app describes in the user's language. */
export type DemoTeamMember = { id: number; name: string; isAdmin: boolean; key: string };

export type AuthRoutesOptions = {
  auth: KommoAuth;
  /** PUBLIC_URL is https: the cookies get Secure and the `__Host-` prefix. */
  secure: boolean;
  /** SESSION_MAX_HOURS in ms: the cookie's own lifetime. */
  maxMs: number;
  address: (c: Context<ServerEnv>) => string;
  /** The account's Kommo address, for the sign-in page's link; null for the demo. */
  accountUrl: string | null;
  /** The demo account: its team and a minter of one-time tokens for them. */
  demo?: { team(): Promise<DemoTeamMember[]>; mint(userId: number): Promise<string> };
};

const MAX_FORM_BYTES = 16 * 1024;
const RETURN_COOKIE_MAX_AGE = 30 * 60;

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-klb_session' : 'klb_session';
}

export function returnCookieName(secure: boolean): string {
  return secure ? '__Host-klb_return' : 'klb_return';
}

/** A path on our own origin to land on after signing in; null for anything else (other origins, `//host`, the auth routes). */
export function safeReturnPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  // eslint-disable-next-line no-control-regex
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\x00-\x1f\x7f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'http://return.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://return.invalid' || /^\/(?:auth|api|__demo)(?:\/|$)/.test(url.pathname)) return null;
  return url.pathname + url.search;
}

function wantsPage(c: Context): boolean {
  return /text\/html/i.test(c.req.header('accept') ?? '');
}

/** A form post from another site (the widget's is from Kommo's) is fine for /auth/kommo, never for sign-out or the demo's minting. */
function crossSite(c: Context): boolean {
  const site = c.req.header('sec-fetch-site')?.toLowerCase();
  return site === 'cross-site' || site === 'same-site';
}

async function readForm(c: Context): Promise<Record<string, string> | Response> {
  const length = Number(c.req.header('content-length') ?? '0');
  if (!Number.isFinite(length) || length > MAX_FORM_BYTES) {
    return problemResponse({ status: 413, title: statusTitle(413), detail: 'A sign-in form is small: at most 16 KB.' });
  }
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type)) {
    return problemResponse({
      status: 415,
      title: 'Unsupported Media Type',
      detail: 'Send the sign-in as a form (application/x-www-form-urlencoded).',
    });
  }
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}

function refusalAnswer(c: Context, reason: TokenRefusal | SessionRefusal, returnPath: string | null): Response {
  if (wantsPage(c)) {
    const query = new URLSearchParams({ reason });
    if (returnPath !== null) query.set('return', returnPath);
    return c.redirect(`/sign-in?${query.toString()}`, 303);
  }
  return problemResponse({
    status: reason === 'unavailable' ? 503 : 401,
    title: reason === 'unavailable' ? statusTitle(503) : statusTitle(401),
    detail: REFUSAL_DETAIL[reason],
    extra: { code: reason },
  });
}

export function mountAuthRoutes(app: Hono<ServerEnv>, o: AuthRoutesOptions): void {
  const cookie = sessionCookieName(o.secure);
  const returnCookie = returnCookieName(o.secure);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'Lax', secure: o.secure } as const;

  const finishSignIn = async (c: Context<ServerEnv>, token: string, returnRaw: string | undefined, via: 'kommo' | 'demo') => {
    const returnPath = safeReturnPath(returnRaw);
    const result = await o.auth.signIn(token, o.address(c), via);
    if (!result.ok) return refusalAnswer(c, result.reason, returnPath);
    setCookie(c, cookie, result.cookieValue, { ...cookieOptions, maxAge: Math.floor(o.maxMs / 1000) });
    // No return named (or the bare root): the link opened before signing in, remembered in a cookie
    // the cross-site form post could not carry, is read on the next, same-site, step.
    return c.redirect(returnPath === null || returnPath === '/' ? '/auth/continue' : returnPath, 303);
  };

  app.post('/auth/kommo', async (c) => {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    return finishSignIn(c, form.token ?? '', form.return, 'kommo');
  });

  app.get('/auth/continue', (c) => {
    const remembered = safeReturnPath(decodeURIComponent(getCookie(c, returnCookie) ?? ''));
    deleteCookie(c, returnCookie, { path: '/', secure: o.secure });
    c.header('cache-control', 'no-store');
    return c.redirect(remembered ?? '/', 303);
  });

  app.post('/auth/sign-out', async (c) => {
    if (crossSite(c)) return problemResponse({ status: 403, title: statusTitle(403), detail: 'Sign out from the dashboard itself.' });
    await o.auth.signOut(getCookie(c, cookie), o.address(c));
    deleteCookie(c, cookie, { path: '/', secure: o.secure });
    return wantsPage(c) ? c.redirect('/sign-in?reason=signed-out', 303) : c.body(null, 204);
  });

  app.get('/auth/session', async (c) => {
    c.header('cache-control', 'no-store');
    c.header('vary', 'Cookie');
    const check = await o.auth.check(getCookie(c, cookie));
    // The app, shown without a session, names the link it was opened on: kept for after the sign-in.
    const opened = safeReturnPath(c.req.query('return'));
    if (!check.ok && opened !== null && opened !== '/') {
      setCookie(c, returnCookie, encodeURIComponent(opened), { ...cookieOptions, maxAge: RETURN_COOKIE_MAX_AGE });
    }
    return c.json({
      auth: 'kommo',
      user: check.ok ? { id: check.user.id, name: check.user.name, isAdmin: check.user.isAdmin } : null,
      reason: check.ok ? null : check.reason,
      accountUrl: o.accountUrl,
      demoTeam: o.demo !== undefined,
    });
  });

  const demo = o.demo;
  if (demo !== undefined) {
    app.get('/auth/demo/team', async (c) => {
      c.header('cache-control', 'no-store');
      return c.json({ team: await demo.team() });
    });
    app.post('/auth/demo/sign-in', async (c) => {
      if (crossSite(c)) return problemResponse({ status: 403, title: statusTitle(403), detail: 'Sign in from the demo\'s own "Sign in as…" page.' });
      const form = await readForm(c);
      if (form instanceof Response) return form;
      const userId = Number(form.user_id);
      const member = (await demo.team()).find((m) => m.id === userId);
      if (member === undefined) return refusalAnswer(c, 'unknown-user', safeReturnPath(form.return));
      // The same one-time token Kommo would hand the widget, through the same checks.
      return finishSignIn(c, await demo.mint(member.id), form.return, 'demo');
    });
  }
}

/** Every /api/* and /__demo/* call needs a live session: 401 problem+json (503 when Kommo cannot be asked) otherwise. */
export function sessionGate(auth: KommoAuth, secure: boolean): MiddlewareHandler<ServerEnv> {
  const cookie = sessionCookieName(secure);
  return async (c, next) => {
    const check = await auth.check(getCookie(c, cookie));
    if (!check.ok) {
      const unavailable = check.reason === 'unavailable';
      return problemResponse({
        status: unavailable ? 503 : 401,
        title: statusTitle(unavailable ? 503 : 401),
        detail: REFUSAL_DETAIL[check.reason],
        headers: { vary: 'Cookie' },
        extra: { code: check.reason },
      });
    }
    c.set('session', check.session);
    c.set('user', check.user);
    await next();
  };
}

const UNGATED_PAGES = /^\/(?:sign-in$|auth\/|api\/|assets\/|__demo\/|healthz$|app-config\.json$)/;

/**
 * A page opened without a session (a bookmarked link, a colleague's link) goes to `/sign-in`, the link
 * kept in `return` and in a cookie for the sign-in that comes back from Kommo. Only top-level page
 * loads: the app framed inside Kommo (Sec-Fetch-Dest: iframe) reads through the widget, not a session.
 */
export function pageGate(auth: KommoAuth, secure: boolean): MiddlewareHandler<ServerEnv> {
  const cookie = sessionCookieName(secure);
  const returnCookie = returnCookieName(secure);
  return async (c, next) => {
    if (c.req.method !== 'GET' || UNGATED_PAGES.test(c.req.path)) return next();
    const dest = c.req.header('sec-fetch-dest')?.toLowerCase();
    const isPage = dest === undefined ? /text\/html/i.test(c.req.header('accept') ?? '') : dest === 'document';
    if (!isPage) return next();
    const check = await auth.check(getCookie(c, cookie));
    if (check.ok) return next();
    const url = new URL(c.req.url);
    const opened = safeReturnPath(url.pathname + url.search);
    const query = new URLSearchParams({ reason: check.reason });
    if (opened !== null && opened !== '/') {
      query.set('return', opened);
      setCookie(c, returnCookie, encodeURIComponent(opened), { path: '/', httpOnly: true, sameSite: 'Lax', secure, maxAge: RETURN_COOKIE_MAX_AGE });
    }
    c.header('cache-control', 'no-store');
    return c.redirect(`/sign-in?${query.toString()}`, 303);
  };
}
