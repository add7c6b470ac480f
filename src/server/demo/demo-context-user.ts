// Whose rights a demo request runs with. Kommo runs a request carrying `X-Context-User-ID` with that
// user's rights (developers.kommo.com/docs/permissions; amocrm-api-php `withContextUserId()`); without
// it, with the token's user, here the account owner (an administrator). The demo reads the header
// only on its own in-process routes: the public proxy never forwards a browser's copy of it.
import type { Context } from 'hono';
import { levelAllows, leadRightsFromApiUser, mayOnLead, type GroupOfUser, type LeadRights, type RightLevel } from '@/kommo/lead-rights';
import type { DemoData, DemoLead } from './demo-data';
import type { UserWire } from './demo-reference';
import { problemResponse } from './demo-responses';

export const CONTEXT_USER_HEADER = 'X-Context-User-ID';

/** Kommo's words for an endpoint the user has no right to (kommo-api.md, `/users`). */
export const INSUFFICIENT_RIGHTS = 'Insufficient rights to call this method';

export type DemoViewer = {
  user: UserWire;
  rights: LeadRights;
  groupOf: GroupOfUser;
  catalogAccess: boolean;
  /** The user's view right on contacts and companies (the demo applies it by the entity's responsible user). */
  contactsView: RightLevel;
  companiesView: RightLevel;
  mayViewLead: (lead: DemoLead) => boolean;
  mayViewOwned: (level: RightLevel, responsibleUserId: number | null | undefined) => boolean;
};

const LETTER = /^[AGMD]$/;
const letterOf = (value: unknown): RightLevel => (typeof value === 'string' && LETTER.test(value) ? (value as RightLevel) : 'D');

function viewRightOf(user: UserWire, entity: 'contacts' | 'companies'): RightLevel {
  const block: unknown = (user.rights as Record<string, unknown> | undefined)?.[entity];
  return letterOf(block !== null && typeof block === 'object' ? (block as Record<string, unknown>).view : undefined);
}

export function createViewer(data: DemoData, user: UserWire): DemoViewer | null {
  const rights = leadRightsFromApiUser(user);
  if (!rights) return null;
  const groupByUser = new Map(data.users.map((u) => [u.id, u.rights?.group_id ?? null]));
  const groupOf: GroupOfUser = (id) => groupByUser.get(id);
  const catalog: unknown = (user.rights as Record<string, unknown> | undefined)?.catalog_access;
  const mayViewOwned = (level: RightLevel, responsible: number | null | undefined) =>
    rights.isAdmin || levelAllows(level, rights, responsible ?? null, groupOf);
  return {
    user,
    rights,
    groupOf,
    catalogAccess: rights.isAdmin || catalog === true,
    contactsView: viewRightOf(user, 'contacts'),
    companiesView: viewRightOf(user, 'companies'),
    mayViewLead: (lead) => mayOnLead(rights, 'view', lead, groupOf),
    mayViewOwned,
  };
}

/**
 * The viewer of this request: null for the token's own user (every right), a viewer for a known,
 * active user named in `X-Context-User-ID`, or a 403 problem for anything else (Kommo's answer for an
 * unknown or deactivated context user is not documented; refusing is the safe reading).
 */
export function viewerOf(c: Context, data: DemoData, viewers: Map<number, DemoViewer>): DemoViewer | null | Response {
  const raw = c.req.header(CONTEXT_USER_HEADER);
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,12}$/.test(raw)) return problemResponse(403, `${CONTEXT_USER_HEADER} is not a user id`);
  const id = Number(raw);
  const cached = viewers.get(id);
  if (cached) return cached;
  const user = data.users.find((u) => u.id === id);
  if (!user || user.rights?.is_active !== true) return problemResponse(403, 'The context user is not an active user of this account');
  const viewer = createViewer(data, user);
  if (!viewer) return problemResponse(403, 'The context user has no rights');
  viewers.set(id, viewer);
  return viewer;
}
