// The account's reference data: account, users and groups, pipelines, loss reasons, tags, sources,
// catalogs and their elements. Small, generated eagerly from the seed.
import type * as z from 'zod/mini';
import type { accountSchema, groupSchema } from '@/kommo/account-schema';
import type { catalogElementSchema, catalogSchema } from '@/kommo/catalog-schema';
import type { lossReasonSchema } from '@/kommo/loss-reason-schema';
import type { pipelineSchema, statusSchema } from '@/kommo/pipeline-schema';
import type { sourceSchema } from '@/kommo/source-schema';
import type { tagSchema } from '@/kommo/tag-schema';
import type { userSchema } from '@/kommo/user-schema';
import { createRandom, mixSeed, type Random } from './prng';
import { DAY, DEMO_REFERENCE_TIME, DEMO_TIMEZONE, DEMO_TIMEZONE_OFFSET } from './demo-time';
import {
  DEMO_LANGUAGES,
  FIRST_NAMES,
  GROUP_NAMES,
  LAST_NAMES,
  LOSS_REASON_NAMES,
  OPEN_STAGE_NAMES,
  PIPELINE_NAMES,
  PRODUCT_NAMES,
  STAGE_COLORS,
  TAG_COLORS,
  TAG_NAMES,
  WAREHOUSE_NAMES,
} from './demo-vocabulary';

export const DEMO_ACCOUNT_ID = 31_234_567;
export const WON_STATUS_ID = 142;
export const LOST_STATUS_ID = 143;

export type AccountWire = z.input<typeof accountSchema> & { _links: { self: { href: string } } };
export type UserWire = z.input<typeof userSchema>;
export type GroupWire = z.input<typeof groupSchema>;
export type StatusWire = z.input<typeof statusSchema>;
export type PipelineWire = z.input<typeof pipelineSchema>;
export type LossReasonWire = z.input<typeof lossReasonSchema>;
export type TagWire = z.input<typeof tagSchema>;
export type SourceWire = z.input<typeof sourceSchema>;
export type CatalogWire = z.input<typeof catalogSchema>;
export type CatalogElementWire = z.input<typeof catalogElementSchema>;

export type DemoReference = {
  account: AccountWire;
  datetimeSettings: NonNullable<AccountWire['datetime_settings']>;
  groups: GroupWire[];
  /** The users as with=group serves them: each with its own `_embedded.groups` (Kommo's docs, users-api). */
  usersWithGroups: UserWire[];
  users: UserWire[];
  pipelines: PipelineWire[];
  lossReasons: LossReasonWire[];
  tags: TagWire[];
  sources: SourceWire[];
  catalogs: CatalogWire[];
  /** Elements by catalog id. */
  catalogElements: Map<number, CatalogElementWire[]>;
  productsCatalogId: number;
  regularCatalogId: number;
  /** Who plays each role of `DEMO_TEAM` in this account. */
  team: DemoTeamMember[];
};

type RightLetter = 'A' | 'G' | 'M' | 'D';
type EntityRights = { view: RightLetter; edit: RightLetter; add: RightLetter; delete: RightLetter; export: RightLetter };

/** One role in the demo account's team: who to "be" to see the dashboard with someone's rights. */
export type DemoPersona = {
  key: 'owner' | 'admin' | 'sales-lead' | 'team-manager' | 'manager-own' | 'manager-no-export';
  role: string;
  description: string;
  isAdmin: boolean;
  leads: { view: RightLetter; export: RightLetter };
  contacts: { view: RightLetter };
  /** A stage right hides one stage (the first pipeline's third stage) from this persona. */
  hidesOneStage: boolean;
  catalogAccess: boolean;
};

/**
 * The demo account's team: two administrators and four managers with the rights a real account has
 * (Kommo's letters: A all, G the group's leads, M the user's own, D none). The people behind each role
 * depend on the seed (`DemoReference.team`); the roles do not. Issue 21's "Sign in as…" lists these.
 */
export const DEMO_TEAM: readonly DemoPersona[] = [
  {
    key: 'owner',
    role: 'Account owner (administrator)',
    description: 'Every lead, every endpoint; the user of the server-held token.',
    isAdmin: true,
    leads: { view: 'A', export: 'A' },
    contacts: { view: 'A' },
    hidesOneStage: false,
    catalogAccess: true,
  },
  {
    key: 'admin',
    role: 'Administrator',
    description: 'A second administrator: every lead, the users list, sources.',
    isAdmin: true,
    leads: { view: 'A', export: 'A' },
    contacts: { view: 'A' },
    hidesOneStage: false,
    catalogAccess: true,
  },
  {
    key: 'sales-lead',
    role: 'Sales lead',
    description: 'Sees and exports every lead except one stage a stage right hides; no users list.',
    isAdmin: false,
    leads: { view: 'A', export: 'A' },
    contacts: { view: 'A' },
    hidesOneStage: true,
    catalogAccess: true,
  },
  {
    key: 'team-manager',
    role: 'Team manager',
    description: 'Sees the leads (and contacts) of the users in their group; exports only their own leads.',
    isAdmin: false,
    leads: { view: 'G', export: 'M' },
    contacts: { view: 'G' },
    hidesOneStage: false,
    catalogAccess: true,
  },
  {
    key: 'manager-own',
    role: 'Sales manager',
    description: 'Sees and exports only the leads they are responsible for.',
    isAdmin: false,
    leads: { view: 'M', export: 'M' },
    contacts: { view: 'A' },
    hidesOneStage: false,
    catalogAccess: true,
  },
  {
    key: 'manager-no-export',
    role: 'Sales manager, no export',
    description: 'Sees only their own leads, may not export, and has no access to lists (catalogs).',
    isAdmin: false,
    leads: { view: 'M', export: 'D' },
    contacts: { view: 'A' },
    hidesOneStage: false,
    catalogAccess: false,
  },
];

export type DemoTeamMember = Pick<DemoPersona, 'key' | 'role' | 'description'> & { userId: number; name: string };

function entityRights(view: RightLetter, exportRight: RightLetter, isAdmin: boolean): EntityRights {
  return { view, edit: view, add: 'A', delete: isAdmin ? 'A' : 'D', export: exportRight };
}

function createUsers(r: Random, groups: GroupWire[]): UserWire[] {
  const count = r.int(20, 40);
  const users: UserWire[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const lang = i === 0 ? 'en' : r.pick(DEMO_LANGUAGES);
    let name = '';
    do name = `${r.pick(FIRST_NAMES[lang])} ${r.pick(LAST_NAMES[lang])}`;
    while (taken.has(name));
    taken.add(name);
    const isAdmin = i < 2;
    // Roughly one in six users has left the team: they stay in the list, and on their old leads.
    const isActive = i < 3 || !r.chance(0.17);
    const slug = name
      .normalize('NFD')
      .replace(/[^A-Za-z ]/g, '')
      .toLowerCase()
      .replace(/ +/g, '.');
    users.push({
      id: 8_100_001 + i * 7,
      name,
      email: `${slug}${i}@demosales.example`,
      lang,
      rights: {
        leads: entityRights('A', isAdmin ? 'A' : 'D', isAdmin),
        contacts: entityRights('A', isAdmin ? 'A' : 'D', isAdmin),
        companies: entityRights('A', isAdmin ? 'A' : 'D', isAdmin),
        tasks: { edit: 'A', delete: isAdmin ? 'A' : 'D' },
        mail_access: true,
        catalog_access: true,
        status_rights: [],
        is_admin: isAdmin,
        is_free: false,
        is_active: isActive,
        group_id: (i === 0 ? groups[0] : r.pick(groups))?.id ?? null,
        role_id: null,
      },
      _links: { self: { href: `/api/v4/users/${8_100_001 + i * 7}` } },
    });
  }
  return users;
}

/**
 * Picks the team's people among the generated users without drawing another random number (the
 * leads' owners stay exactly what they were): the two administrators are users 0 and 1; each manager
 * role goes to the next active non-administrator, the team manager to one whose group has another
 * active member (else the next one).
 */
function assignTeam(users: UserWire[], pipelines: PipelineWire[]): DemoTeamMember[] {
  const isActive = (u: UserWire) => u.rights?.is_active === true;
  const groupOf = (u: UserWire) => u.rights?.group_id ?? null;
  const candidates = users.slice(2).filter(isActive);
  const taken = new Set<number>();
  const hiddenStage = pipelines[0]?._embedded?.statuses?.[2];
  const team: DemoTeamMember[] = [];
  for (const persona of DEMO_TEAM) {
    let user: UserWire | undefined;
    if (persona.key === 'owner') user = users[0];
    else if (persona.key === 'admin') user = users[1];
    else {
      const free = candidates.filter((u) => !taken.has(u.id));
      user = persona.leads.view === 'G' ? (free.find((u) => candidates.some((o) => o.id !== u.id && groupOf(o) === groupOf(u))) ?? free[0]) : free[0];
    }
    if (!user?.rights) continue;
    taken.add(user.id);
    const rights = user.rights as Record<string, unknown>;
    rights.leads = entityRights(persona.leads.view, persona.leads.export, persona.isAdmin);
    rights.contacts = entityRights(persona.contacts.view, persona.leads.export, persona.isAdmin);
    rights.companies = entityRights(persona.contacts.view, persona.leads.export, persona.isAdmin);
    rights.catalog_access = persona.catalogAccess;
    rights.status_rights =
      persona.hidesOneStage && hiddenStage
        ? [
            {
              entity_type: 'leads',
              pipeline_id: hiddenStage.pipeline_id,
              status_id: hiddenStage.id,
              rights: { view: 'D', edit: 'D', delete: 'D', export: 'D' },
            },
          ]
        : [];
    team.push({ key: persona.key, role: persona.role, description: persona.description, userId: user.id, name: user.name });
  }
  return team;
}

function createPipelines(r: Random): PipelineWire[] {
  const count = r.int(3, 5);
  const pipelines: PipelineWire[] = [];
  for (let p = 0; p < count; p++) {
    const id = 7_400_001 + p * 13;
    const openCount = r.int(5, 9);
    const stageNames = r.sample(OPEN_STAGE_NAMES, openCount - 1);
    const colors = r.sample(STAGE_COLORS, openCount);
    const statuses: StatusWire[] = [];
    for (let s = 0; s < openCount; s++) {
      statuses.push({
        id: 61_000_001 + p * 100 + s * 3,
        name: s === 0 ? 'Incoming leads' : (stageNames[s - 1] ?? `Stage ${s}`),
        sort: 10 * (s + 1),
        is_editable: s !== 0,
        pipeline_id: id,
        color: colors[s] ?? '#99ccff',
        type: s === 0 ? 1 : 0,
        account_id: DEMO_ACCOUNT_ID,
      });
    }
    statuses.push(
      {
        id: WON_STATUS_ID,
        name: 'Closed - won',
        sort: 10000,
        is_editable: false,
        pipeline_id: id,
        color: '#ccff66',
        type: 0,
        account_id: DEMO_ACCOUNT_ID,
      },
      {
        id: LOST_STATUS_ID,
        name: 'Closed - lost',
        sort: 11000,
        is_editable: false,
        pipeline_id: id,
        color: '#d5d8db',
        type: 0,
        account_id: DEMO_ACCOUNT_ID,
      },
    );
    pipelines.push({
      id,
      name: PIPELINE_NAMES[p] ?? `Pipeline ${p + 1}`,
      sort: p + 1,
      is_main: p === 0,
      is_unsorted_on: true,
      is_archive: false,
      account_id: DEMO_ACCOUNT_ID,
      _links: { self: { href: `/api/v4/leads/pipelines/${id}` } },
      _embedded: { statuses },
    });
  }
  return pipelines;
}

function createCatalogs(r: Random): Pick<DemoReference, 'catalogs' | 'catalogElements' | 'productsCatalogId' | 'regularCatalogId'> {
  const productsCatalogId = 5_501;
  const regularCatalogId = 5_502;
  const catalogs: CatalogWire[] = [
    {
      id: productsCatalogId,
      name: 'Products',
      type: 'products',
      sort: 10,
      can_add_elements: true,
      can_link_multiple: true,
      account_id: DEMO_ACCOUNT_ID,
    },
    {
      id: regularCatalogId,
      name: 'Warehouses',
      type: 'regular',
      sort: 20,
      can_add_elements: true,
      can_link_multiple: false,
      account_id: DEMO_ACCOUNT_ID,
    },
  ];
  const products: CatalogElementWire[] = PRODUCT_NAMES.map((name, i) => {
    const price = (r.int(5, 2_000) * 100 - r.pick([0, 1, 10])) / 100;
    return {
      id: 990_001 + i,
      name,
      catalog_id: productsCatalogId,
      created_by: 0,
      updated_by: 0,
      created_at: DEMO_REFERENCE_TIME - 800 * DAY,
      updated_at: DEMO_REFERENCE_TIME - r.int(1, 700) * DAY,
      is_deleted: null, // as in the docs' catalog element bodies
      custom_fields_values: [
        { field_id: 700_001, field_name: 'SKU', field_code: 'SKU', field_type: 'text', values: [{ value: `SKU-${String(1000 + i * 37)}` }] },
        { field_id: 700_002, field_name: 'Price', field_code: 'PRICE', field_type: 'price', values: [{ value: price.toFixed(2) }] },
        {
          field_id: 700_003,
          field_name: 'Group',
          field_code: 'GROUP',
          field_type: 'category',
          values: [
            {
              value: i < 12 ? 'Software' : i < 15 ? 'Services' : 'Hardware',
              enum_id: i < 12 ? 710_001 : i < 15 ? 710_002 : 710_003,
              enum_code: null,
            },
          ],
        },
      ],
      account_id: DEMO_ACCOUNT_ID,
    };
  });
  const warehouses: CatalogElementWire[] = WAREHOUSE_NAMES.map((name, i) => ({
    id: 991_001 + i,
    name,
    catalog_id: regularCatalogId,
    created_by: 0,
    updated_by: 0,
    created_at: DEMO_REFERENCE_TIME - 800 * DAY,
    updated_at: DEMO_REFERENCE_TIME - 400 * DAY,
    is_deleted: null,
    custom_fields_values: [{ field_id: 700_101, field_name: 'Code', field_code: null, field_type: 'text', values: [{ value: `WH-${i + 1}` }] }],
    account_id: DEMO_ACCOUNT_ID,
  }));
  return {
    catalogs,
    catalogElements: new Map([
      [productsCatalogId, products],
      [regularCatalogId, warehouses],
    ]),
    productsCatalogId,
    regularCatalogId,
  };
}

export function createDemoReference(seed: number): DemoReference {
  const r = createRandom(mixSeed(seed, 1));
  const datetimeSettings = {
    date_pattern: 'd.m.Y H:i',
    short_date_pattern: 'd.m.Y',
    short_time_pattern: 'H:i',
    time_format: 'H:i:s',
    timezone: DEMO_TIMEZONE,
    timezone_offset: DEMO_TIMEZONE_OFFSET,
  };
  const groups: GroupWire[] = GROUP_NAMES.slice(0, r.int(3, 5)).map((name, i) => ({ id: i === 0 ? 0 : 410_000 + i, name }));
  const users = createUsers(r, groups);
  const account: AccountWire = {
    id: DEMO_ACCOUNT_ID,
    name: 'Demo Sales Co',
    subdomain: 'demo',
    current_user_id: users[0]?.id ?? 0,
    country: 'BR',
    currency: 'USD',
    currency_symbol: '$',
    customers_mode: 'disabled',
    is_unsorted_on: true,
    is_loss_reason_enabled: true,
    is_helpbot_enabled: false,
    is_technical_account: false,
    contact_name_display_order: 1,
    _links: { self: { href: '/api/v4/account' } },
  };
  const lossReasons: LossReasonWire[] = LOSS_REASON_NAMES.map((name, i) => ({
    id: 3_300_001 + i * 2,
    name,
    sort: (i + 1) * 10,
    created_at: DEMO_REFERENCE_TIME - 850 * DAY,
    updated_at: DEMO_REFERENCE_TIME - 850 * DAY + i * DAY,
    _links: { self: { href: `/api/v4/leads/loss_reasons/${3_300_001 + i * 2}` } },
  }));
  const tags: TagWire[] = TAG_NAMES.map((name, i) => ({ id: 250_001 + i * 4, name, color: r.pick(TAG_COLORS) }));
  const pipelines = createPipelines(r);
  const team = assignTeam(users, pipelines);
  const sources: SourceWire[] = [
    { name: 'Website form', external_id: 'web-form', type: 'form' },
    { name: 'WhatsApp Business', external_id: 'whatsapp-main', type: 'chat' },
    { name: 'Instagram Direct', external_id: 'instagram-dm', type: 'chat' },
    { name: 'Facebook Lead Ads', external_id: 'fb-lead-ads', type: 'form' },
  ].map((s, i) => ({
    id: 66_001 + i,
    name: s.name,
    pipeline_id: pipelines[i % pipelines.length]?.id ?? null,
    external_id: s.external_id,
    default: i === 0,
    origin_code: null,
    services: [],
    _links: { self: { href: `/api/v4/sources/${66_001 + i}` } },
  }));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const usersWithGroups = users.map((u) => {
    const group = u.rights?.group_id == null ? undefined : groupById.get(u.rights.group_id);
    return { ...u, _embedded: { groups: group ? [{ id: group.id, name: group.name }] : [] } };
  });
  return { account, datetimeSettings, groups, usersWithGroups, users, pipelines, lossReasons, tags, sources, team, ...createCatalogs(r) };
}
