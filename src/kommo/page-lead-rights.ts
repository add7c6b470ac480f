// The Kommo page's rights constants (`APP.constant('user_rights')`, `('user')`, `('managers')`) read
// into the rule's LeadRights (lead-rights.ts). Sources: fixtures/real/SOURCES.md, "The Kommo page's
// constants". Only the embedded start reads them.
import * as z from 'zod/mini';
import { stagePairKey } from './leads-query';
import { positiveId, withoutUndefined, type LeadAction, type LeadRights, type RightLevel, type StageRight } from './lead-rights';

const pageRightPair = z.looseObject({
  view: z.catch(z.optional(z.union([z.enum(['A', 'G', 'M', 'D']), z.boolean()])), undefined),
  export: z.catch(z.optional(z.union([z.enum(['A', 'G', 'M', 'D']), z.boolean()])), undefined),
});

const pageUserRightsSchema = z.looseObject({
  is_admin: z.catch(z.optional(z.union([z.boolean(), z.number(), z.string()])), undefined),
  leads: z.catch(z.optional(pageRightPair), undefined),
  base_rights: z.catch(z.optional(z.looseObject({ leads: z.catch(z.optional(pageRightPair), undefined) })), undefined),
  // { "<pipeline id>": { "<status id>": { view, edit, delete, export } } }
  status_rights: z.catch(z.optional(z.nullable(z.record(z.string(), z.catch(z.record(z.string(), z.catch(pageRightPair, {})), {})))), undefined),
});

const pageUserSchema = z.looseObject({
  id: positiveId,
  group_mates_ids: z.catch(z.optional(z.array(positiveId)), undefined),
});

const pageManagerSchema = z.looseObject({ group: z.catch(z.optional(z.string()), undefined) });

/** `"group_493002"` → 493002; Kommo's managers name their group this way (`group_free_users` is not a number). */
export function pageGroupId(code: string | undefined): number | null {
  const m = /^group_(\d{1,16})$/.exec(code ?? '');
  return m ? Number(m[1]) : null;
}

/** Kommo's page writes flags as booleans, 1/0 or "Y"/"N" depending on the constant. */
function truthyFlag(v: boolean | number | string | undefined): boolean {
  return v === true || v === 1 || v === 'Y' || v === '1' || v === 'true';
}

/**
 * The page's `APP.constant('user_rights')` and `APP.constant('user')` (with `APP.constant('managers')`
 * for the user's group). Kommo's front end reads letters from `base_rights.leads` and stage rights from
 * `status_rights[pipeline][status]`; the `leads` block beside them also appears with plain letters in
 * public widget code. No captured page settles what a `leads.export: true` means: read as "as far as
 * view reaches" (export never reaches further than view). A view right we cannot read at all is read
 * as A: inside Kommo the API itself leaves out the leads this user may not see.
 */
export function leadRightsFromPage(userRights: unknown, user: unknown, managers?: unknown): LeadRights | null {
  const r = pageUserRightsSchema.safeParse(userRights);
  const u = pageUserSchema.safeParse(user);
  if (!r.success || !u.success) return null;
  const levelOf = (action: LeadAction): RightLevel | boolean | undefined => {
    const base = r.data.base_rights?.leads?.[action];
    if (typeof base === 'string') return base;
    return r.data.leads?.[action] ?? base;
  };
  const viewRaw = levelOf('view');
  const view: RightLevel = typeof viewRaw === 'string' ? viewRaw : viewRaw === false ? 'D' : 'A';
  const exportRaw = levelOf('export');
  const exportLevel: RightLevel = typeof exportRaw === 'string' ? exportRaw : exportRaw === false ? 'D' : view;
  const stageRights: Record<string, StageRight> = {};
  for (const [pipeline, statuses] of Object.entries(r.data.status_rights ?? {})) {
    if (!/^\d{1,16}$/.test(pipeline)) continue;
    for (const [status, pair] of Object.entries(statuses)) {
      if (!/^\d{1,16}$/.test(status)) continue;
      stageRights[stagePairKey(Number(pipeline), Number(status))] = withoutUndefined({
        view: typeof pair.view === 'string' ? pair.view : undefined,
        export: typeof pair.export === 'string' ? pair.export : undefined,
      });
    }
  }
  let groupId: number | null = null;
  if (managers !== null && typeof managers === 'object') {
    const entry: unknown = (managers as Record<string, unknown>)[String(u.data.id)];
    const m = pageManagerSchema.safeParse(entry);
    if (m.success) groupId = pageGroupId(m.data.group);
  }
  return { userId: u.data.id, isAdmin: truthyFlag(r.data.is_admin), groupId, leads: { view, export: exportLevel }, stageRights };
}
