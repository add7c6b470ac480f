// Kommo's lead-rights rule, as Kommo's own front end applies it (its `utils/account/rights` module,
// see fixtures/real/SOURCES.md): an administrator may do anything; otherwise the stage right for the
// lead's (pipeline, status) when one is set, else the general leads right; A allows, G when the lead's
// responsible user is in the user's group, M when the user is the lead's responsible, D (or anything
// else) denies. Limiting view also removes export, and incoming-leads stages have no export right
// (kommo-api.md, "Users, rights and signing in"). Shared by the browser (export), the demo account
// (what /leads leaves out) and the team server. Parsers read both real sources: a `/api/v4/users`
// user and the Kommo page's `APP.constant('user_rights')` + `('user')` + `('managers')`.
import * as z from 'zod/mini';
import { stagePairKey } from './leads-query';

export type RightLevel = 'A' | 'G' | 'M' | 'D';
export type LeadAction = 'view' | 'export';
/** A stage right: Kommo's users API omits `export` on incoming-leads stages; a missing key denies. */
export type StageRight = { view?: RightLevel; export?: RightLevel };

export type LeadRights = {
  userId: number;
  isAdmin: boolean;
  /** The user's group (0 is the account's main group), or null when unknown. */
  groupId: number | null;
  leads: { view: RightLevel; export: RightLevel };
  /** Stage rights by `stagePairKey(pipeline_id, status_id)`. */
  stageRights: Readonly<Record<string, StageRight>>;
};

export type LeadForRights = { responsible_user_id: number | null; pipeline_id: number | null; status_id: number | null };

/** The group a user belongs to (null or undefined when unknown). */
export type GroupOfUser = (userId: number) => number | null | undefined;

export type MayOnLeadOptions = {
  /** True for a pipeline's incoming-leads stage (status `type: 1`), which has no export right. */
  isIncomingStage?: (pipelineId: number, statusId: number) => boolean;
};

/** Does one right level let this user act on something whose responsible user is `responsibleUserId`? */
export function levelAllows(
  level: RightLevel | undefined,
  rights: Pick<LeadRights, 'userId' | 'groupId'>,
  responsibleUserId: number | null,
  groupOfUser: GroupOfUser,
): boolean {
  switch (level) {
    case 'A':
      return true;
    case 'M':
      return responsibleUserId !== null && responsibleUserId === rights.userId;
    case 'G': {
      if (responsibleUserId === null) return false;
      const own = rights.groupId ?? groupOfUser(rights.userId);
      const theirs = groupOfUser(responsibleUserId);
      return own !== null && own !== undefined && theirs !== null && theirs !== undefined && own === theirs;
    }
    default:
      return false;
  }
}

export function mayOnLead(
  rights: LeadRights,
  action: LeadAction,
  lead: LeadForRights,
  groupOfUser: GroupOfUser,
  options: MayOnLeadOptions = {},
): boolean {
  if (rights.isAdmin) return true;
  const stage = rights.stageRights[stagePairKey(lead.pipeline_id, lead.status_id)];
  // Kommo's front end: the stage right when set (a key it lacks denies), else the general one.
  const levelOf = (a: LeadAction) => (stage ? stage[a] : rights.leads[a]);
  const mayView = levelAllows(levelOf('view'), rights, lead.responsible_user_id, groupOfUser);
  if (action === 'view' || !mayView) return mayView;
  if (lead.pipeline_id !== null && lead.status_id !== null && options.isIncomingStage?.(lead.pipeline_id, lead.status_id)) return false;
  return levelAllows(levelOf('export'), rights, lead.responsible_user_id, groupOfUser);
}

/** True when the user may not see or export every lead of the account: the UI then says "the leads you can see". */
export function isLimited(rights: LeadRights | null | undefined): boolean {
  if (!rights || rights.isAdmin) return false;
  return rights.leads.view !== 'A' || rights.leads.export !== 'A' || Object.keys(rights.stageRights).length > 0;
}

/** The export right in a word: 'all', 'some' (limited by group, ownership or stages) or 'none'. */
export function exportReach(rights: LeadRights | null | undefined): 'all' | 'some' | 'none' {
  if (!rights || rights.isAdmin) return 'all';
  const general = rights.leads.view === 'D' ? 'D' : rights.leads.export;
  const stages = Object.values(rights.stageRights);
  const stageAllows = stages.some((s) => s.view !== undefined && s.view !== 'D' && s.export !== undefined && s.export !== 'D');
  if (general === 'D' && !stageAllows) return 'none';
  if (general === 'A' && rights.leads.view === 'A' && stages.length === 0) return 'all';
  return 'some';
}

// ---- Parsers ----------------------------------------------------------------------------------

/** A right letter; anything else (Kommo's `L`, a typo, a boolean) is unknown. */
const letter = z.catch(z.optional(z.enum(['A', 'G', 'M', 'D'])), undefined);
const positiveId = z.pipe(
  z.union([z.number(), z.string().check(z.regex(/^\d{1,16}$/))]),
  z.transform((v) => Number(v)),
);

const apiUserSchema = z.looseObject({
  id: positiveId,
  rights: z.looseObject({
    leads: z.catch(z.optional(z.looseObject({ view: letter, export: letter })), undefined),
    status_rights: z.catch(
      z.optional(
        z.nullable(
          z.array(
            z.catch(
              z.nullable(
                z.looseObject({
                  entity_type: z.optional(z.string()),
                  pipeline_id: positiveId,
                  status_id: positiveId,
                  rights: z.looseObject({ view: letter, export: letter }),
                }),
              ),
              null,
            ),
          ),
        ),
      ),
      undefined,
    ),
    is_admin: z.catch(z.optional(z.boolean()), undefined),
    group_id: z.catch(z.optional(z.nullable(z.number())), undefined),
  }),
  _embedded: z.catch(z.optional(z.looseObject({ groups: z.optional(z.array(z.looseObject({ id: z.number() }))) })), undefined),
});

/**
 * A user of `GET /api/v4/users` (or `/users/{id}`). Kommo's docs bodies leave `rights.group_id` null
 * even for a user in a group: the user's own `_embedded.groups` (with=group) fills it in then.
 * Returns null when the body is not a user with rights.
 */
export function leadRightsFromApiUser(body: unknown): LeadRights | null {
  const parsed = apiUserSchema.safeParse(body);
  if (!parsed.success) return null;
  const { id, rights, _embedded } = parsed.data;
  const stageRights: Record<string, StageRight> = {};
  for (const s of rights.status_rights ?? []) {
    if (!s || (s.entity_type !== undefined && s.entity_type !== 'leads')) continue;
    stageRights[stagePairKey(s.pipeline_id, s.status_id)] = withoutUndefined({ view: s.rights.view, export: s.rights.export });
  }
  return {
    userId: id,
    isAdmin: rights.is_admin === true,
    groupId: rights.group_id ?? _embedded?.groups?.[0]?.id ?? null,
    // A right the body does not state is denied: the API already leaves out what the user may not see.
    leads: { view: rights.leads?.view ?? 'D', export: rights.leads?.export ?? 'D' },
    stageRights,
  };
}

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

function withoutUndefined(right: { view: RightLevel | undefined; export: RightLevel | undefined }): StageRight {
  return { ...(right.view ? { view: right.view } : {}), ...(right.export ? { export: right.export } : {}) };
}
