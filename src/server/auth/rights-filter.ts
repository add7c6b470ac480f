// The server's own check of what it hands a signed-in user. Every upstream call made for the user
// carries X-Context-User-ID, but no public source says every token honours that header (a private
// integration's long-lived token may well answer as its administrator), so each lead, contact and
// company is checked against the user's rights here too, with Kommo's rule (src/kommo/lead-rights.ts),
// and whatever falls outside them is left out: an upstream that ignored the header leaks nothing.
import { leadRightsFromApiUser, levelAllows, mayOnLead } from '@/kommo/lead-rights.ts';
import type { GroupOfUser, LeadRights, RightLevel } from '@/kommo/lead-rights.ts';
import type { DirectoryUser } from './account-directory.ts';

type Item = Record<string, unknown>;

const LETTER = /^[AGMD]$/;

function viewLevel(raw: Record<string, unknown>, entity: 'contacts' | 'companies'): RightLevel {
  const rights = raw.rights;
  const block = rights !== null && typeof rights === 'object' ? (rights as Record<string, unknown>)[entity] : undefined;
  const view = block !== null && typeof block === 'object' ? (block as Record<string, unknown>).view : undefined;
  // A right the body does not state is denied, as Kommo's front end reads it.
  return typeof view === 'string' && LETTER.test(view) ? (view as RightLevel) : 'D';
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function listOf(body: unknown, key: string): Item[] | null {
  if (body === null || typeof body !== 'object') return null;
  const embedded = (body as Item)._embedded;
  if (embedded === null || typeof embedded !== 'object') return null;
  const list = (embedded as Item)[key];
  return Array.isArray(list) ? (list as Item[]) : null;
}

function withList(body: unknown, key: string, kept: Item[]): unknown {
  const outer = body as Item;
  return { ...outer, _embedded: { ...(outer._embedded as Item), [key]: kept } };
}

export type RightsFilterInput = {
  user: DirectoryUser;
  /** Every user's group, from the same `/users` read. */
  groupOf: GroupOfUser;
  path: string;
  body: unknown;
};

/** What a 200 body of `path` may keep for this user; the body itself when the path holds no leads, contacts or companies. */
export function filterByRights({ user, groupOf, path, body }: RightsFilterInput): unknown {
  if (user.isAdmin) return body;
  const rights: LeadRights | null = leadRightsFromApiUser(user.raw);
  if (path === '/api/v4/leads') {
    const leads = listOf(body, 'leads');
    if (leads === null) return body;
    const kept =
      rights === null
        ? []
        : leads.filter((lead) =>
            mayOnLead(
              rights,
              'view',
              {
                responsible_user_id: numberOrNull(lead.responsible_user_id),
                pipeline_id: numberOrNull(lead.pipeline_id),
                status_id: numberOrNull(lead.status_id),
              },
              groupOf,
            ),
          );
    return withList(body, 'leads', kept);
  }
  const entity = path === '/api/v4/contacts' ? 'contacts' : path === '/api/v4/companies' ? 'companies' : null;
  if (entity === null) return body;
  const items = listOf(body, entity);
  if (items === null) return body;
  const level = viewLevel(user.raw, entity);
  const who = { userId: user.id, groupId: rights?.groupId ?? user.groupId };
  return withList(
    body,
    entity,
    items.filter((item) => levelAllows(level, who, numberOrNull(item.responsible_user_id), groupOf)),
  );
}
