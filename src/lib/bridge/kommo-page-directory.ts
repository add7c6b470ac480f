// Reads what the widget hands over from the Kommo page's constants (`APP.constant('managers')`,
// `('groups')`, `('user')`, `('user_rights')`) into the app's users, groups and lead rights. The
// parent is an allowlisted origin, but another tenant's page is hostile too: every value is checked,
// bounded, and read as text; what does not fit is dropped, never trusted.
import * as z from 'zod/mini';
import { leadRightsFromPage, pageGroupId } from '@/kommo/page-lead-rights';
import type { Group } from '@/kommo/account-schema';
import type { User } from '@/kommo/user-schema';
import type { PageDirectory } from '@/lib/api/page-directory';

const MAX_PEOPLE = 10_000;
const MAX_NAME = 200;

const managerSchema = z.object({
  title: z.string().check(z.maxLength(MAX_NAME)),
  active: z.catch(z.optional(z.boolean()), undefined),
  is_admin: z.catch(z.optional(z.union([z.literal('Y'), z.literal('N'), z.boolean()])), undefined),
  group: z.catch(z.optional(z.string().check(z.maxLength(40))), undefined),
});

export const pageConstantsSchema = z.object({
  managers: z.catch(z.record(z.string(), z.unknown()), {}),
  groups: z.catch(z.record(z.string(), z.unknown()), {}),
  user: z.unknown(),
  user_rights: z.unknown(),
});

/** Kommo's page writes names HTML-escaped (`,&gt;S?` in a real managers constant): shown as text, so unescaped once. */
export function unescapeKommoText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#0?39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}

export function readPageDirectory(raw: unknown): PageDirectory | null {
  const parsed = pageConstantsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { managers, groups: groupNames, user, user_rights: userRights } = parsed.data;
  const groups: Group[] = [];
  for (const [code, name] of Object.entries(groupNames)) {
    const id = pageGroupId(code);
    if (id !== null && typeof name === 'string' && name !== '' && name.length <= MAX_NAME) groups.push({ id, name: unescapeKommoText(name) });
  }
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const users: User[] = [];
  for (const [id, entry] of Object.entries(managers)) {
    if (!/^\d{1,16}$/.test(id) || users.length >= MAX_PEOPLE) continue;
    const parsedManager = managerSchema.safeParse(entry);
    if (!parsedManager.success) continue;
    const manager = parsedManager.data;
    const groupId = pageGroupId(manager.group);
    const group = groupId === null ? undefined : groupById.get(groupId);
    users.push({
      id: Number(id),
      name: unescapeKommoText(manager.title),
      // Inactive users stay in the constant (`active: false`), as on their old leads.
      rights: { is_active: manager.active !== false, is_admin: manager.is_admin === 'Y' || manager.is_admin === true, group_id: groupId },
      _embedded: { groups: group ? [group] : [] },
    });
  }
  users.sort((a, b) => a.id - b.id);
  return { users, groups, rights: leadRightsFromPage(userRights, user, managers) };
}
