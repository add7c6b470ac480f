// The demo account's data, deterministic from a seed: reference data eagerly, leads as compact
// records, contacts/companies/custom field values rebuilt on demand from (seed, id).
import { createRandom, mixSeed, type Random } from './prng';
import { createDemoReference, LOST_STATUS_ID, WON_STATUS_ID, type DemoReference, type UserWire } from './demo-reference';
import { DAY, DEMO_REFERENCE_TIME, HOUR } from './demo-time';
import { DEAL_TITLES, DEMO_LANGUAGES, type DemoLanguage } from './demo-vocabulary';
import {
  customFieldSearchText,
  LEAD_CUSTOM_FIELDS,
  leadCustomFieldValues,
  type CustomFieldDefinitionWire,
  type CustomFieldValueWire,
} from './demo-custom-fields';
import {
  companyIdentity,
  createCompany,
  createContact,
  FIRST_COMPANY_ID,
  FIRST_CONTACT_ID,
  type CompanyWire,
  type ContactWire,
  type PersonOwner,
} from './demo-people';

export type DemoCatalogLink = { id: number; catalog_id: number; quantity: number };

/** A lead as the demo stores it; the wire shape is built per request (see lead-wire.ts). */
export type DemoLead = {
  index: number;
  id: number;
  name: string;
  lang: DemoLanguage;
  price: number;
  responsible_user_id: number;
  group_id: number;
  status_id: number;
  pipeline_id: number;
  loss_reason_id: number | null;
  source_id: number | null;
  created_by: number;
  updated_by: number;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
  closest_task_at: number | null;
  score: number | null;
  labor_cost: number | null;
  is_price_modified_by_robot: boolean;
  tagIds: readonly number[];
  companyId: number | null;
  /** Linked contact ids; the first is the main contact. */
  contactIds: readonly number[];
  catalogElements: readonly DemoCatalogLink[];
  /** Lower-cased name and custom field string values, for `query`. */
  searchText: string;
};

/** A restorable deleted lead: Kommo gives only id, updated_at and is_deleted. */
export type DemoDeletedLead = { id: number; updated_at: number };

export type DemoData = DemoReference & {
  seed: number;
  referenceTime: number;
  leads: readonly DemoLead[];
  deletedLeads: readonly DemoDeletedLead[];
  leadCustomFieldDefinitions: readonly CustomFieldDefinitionWire[];
  contactCount: number;
  companyCount: number;
  contact: (id: number) => ContactWire | null;
  company: (id: number) => CompanyWire | null;
  leadCustomFields: (lead: DemoLead) => CustomFieldValueWire[] | null;
};

export type DemoDataOptions = { leads?: number; seed?: number };

export const DEFAULT_DEMO_LEADS = 5_000;
const FIRST_LEAD_ID = 12_000_001;
const HISTORY_DAYS = 730;

function logUniformPrice(u: number): number {
  const min = Math.log(100);
  const max = Math.log(150_000);
  return Math.round(Math.exp(min + u * (max - min)) / 10) * 10;
}

/** Who created/updated a lead: mostly its owner, sometimes a robot or form (0), sometimes a colleague. */
function actor(r: Random, responsible: number, userIds: readonly number[]): number {
  return r.chance(0.6) ? responsible : r.chance(0.25) ? 0 : r.pick(userIds);
}

export function createDemoData(options: DemoDataOptions = {}): DemoData {
  const seed = options.seed ?? 1;
  const leadCount = Math.max(0, Math.floor(options.leads ?? DEFAULT_DEMO_LEADS));
  const ref = createDemoReference(seed);
  const r = createRandom(mixSeed(seed, 10));

  const userIds = ref.users.map((u) => u.id);
  const activeUserIds = ref.users.filter((u) => u.rights?.is_active).map((u) => u.id);
  const groupByUser = new Map(ref.users.map((u: UserWire) => [u.id, u.rights?.group_id ?? 0]));
  const owner: PersonOwner = { userIds: activeUserIds, groupOf: (id) => groupByUser.get(id) ?? 0 };
  const companyCount = Math.max(20, Math.round(leadCount / 4));
  const contactCount = Math.max(30, Math.round(leadCount * 0.8));
  const pipelineWeights = ref.pipelines.map((_, i) => (i === 0 ? 5 : 2));
  // Open stages per pipeline, earlier stages weighted heavier (leads thin out down the funnel).
  const openStages = new Map(
    ref.pipelines.map((p) => {
      const open = p._embedded.statuses.filter((s) => s.id !== WON_STATUS_ID && s.id !== LOST_STATUS_ID).map((s) => s.id);
      return [p.id, { ids: open, weights: open.map((_, k) => open.length - k) }];
    }),
  );
  const tagIds = ref.tags.map((t) => t.id);
  const sourceIds = ref.sources.map((s) => s.id);
  const lossReasonIds = ref.lossReasons.map((l) => l.id);
  const products = ref.catalogElements.get(ref.productsCatalogId) ?? [];
  const warehouses = ref.catalogElements.get(ref.regularCatalogId) ?? [];

  const leads: DemoLead[] = new Array<DemoLead>(leadCount);
  const deletedLeads: DemoDeletedLead[] = [];
  const start = DEMO_REFERENCE_TIME - HISTORY_DAYS * DAY;
  const span = HISTORY_DAYS * DAY - DAY;
  let id = FIRST_LEAD_ID;
  for (let i = 0; i < leadCount; i++) {
    const step = r.weighted([1, 2, 3], [80, 15, 5]);
    // Gaps in the id sequence are leads deleted since: some are still restorable.
    if (step > 1 && r.chance(0.15)) deletedLeads.push({ id: id + 1, updated_at: DEMO_REFERENCE_TIME - r.int(0, 29 * DAY) });
    id += i === 0 ? 0 : step;

    // Creation time follows the id, with jitter (imports, API clients) so that id and created_at orders differ.
    const createdAt = Math.min(DEMO_REFERENCE_TIME - HOUR, Math.round(start + (span * i) / Math.max(1, leadCount) + r.int(-3 * DAY, 3 * DAY)));
    const age = (DEMO_REFERENCE_TIME - createdAt) / (HISTORY_DAYS * DAY);
    const pipeline = r.weighted(ref.pipelines, pipelineWeights);
    const open = openStages.get(pipeline.id) ?? { ids: [WON_STATUS_ID], weights: [1] };
    let statusId: number;
    if (r.chance(0.15 + 0.6 * age)) statusId = r.chance(0.45) ? WON_STATUS_ID : LOST_STATUS_ID;
    else statusId = r.weighted(open.ids, open.weights);
    const closed = statusId === WON_STATUS_ID || statusId === LOST_STATUS_ID;

    const responsible = r.chance(0.9) || activeUserIds.length === 0 ? r.pick(activeUserIds.length ? activeUserIds : userIds) : r.pick(userIds);
    const u = r.next();
    const updatedAt = Math.min(DEMO_REFERENCE_TIME, createdAt + Math.round((DEMO_REFERENCE_TIME - createdAt) * u * u) + r.int(60, 3 * HOUR));
    const closedAt = closed ? createdAt + Math.round((updatedAt - createdAt) * (0.5 + r.next() / 2)) : null;
    const hasTask = closed ? r.chance(0.05) : r.chance(0.75);
    const closestTaskAt = hasTask ? DEMO_REFERENCE_TIME + r.int(-20, 30) * DAY + r.int(8, 19) * HOUR : null;

    const companyId = r.chance(0.65) ? FIRST_COMPANY_ID + r.int(0, companyCount - 1) : null;
    const contactIds = new Set<number>();
    const contactTarget = r.weighted([0, 1, 2, 3], [12, 55, 23, 10]);
    while (contactIds.size < contactTarget) contactIds.add(FIRST_CONTACT_ID + r.int(0, contactCount - 1));
    const company = companyId === null ? null : companyIdentity(seed, companyId);
    const lang = company?.lang ?? r.pick(DEMO_LANGUAGES);
    const title = r.pick(DEAL_TITLES[lang]);
    const name = r.chance(0.05) ? `Lead #${id}` : company ? `${title} - ${company.name}` : title;

    const catalogElements: DemoCatalogLink[] = [];
    if (r.chance(0.4)) {
      for (const p of r.sample(products, r.int(1, 3))) catalogElements.push({ id: p.id, catalog_id: p.catalog_id, quantity: r.int(1, 20) });
    }
    if (r.chance(0.1) && warehouses.length > 0) {
      const w = r.pick(warehouses);
      catalogElements.push({ id: w.id, catalog_id: w.catalog_id, quantity: 1 });
    }
    const tagCount = r.weighted([0, 1, 2, 3], [45, 30, 17, 8]);

    const lead: DemoLead = {
      index: i,
      id,
      name,
      lang,
      price: r.chance(0.08) ? 0 : logUniformPrice(r.next()),
      responsible_user_id: responsible,
      group_id: groupByUser.get(responsible) ?? 0,
      status_id: statusId,
      pipeline_id: pipeline.id,
      loss_reason_id: statusId === LOST_STATUS_ID && r.chance(0.8) ? r.pick(lossReasonIds) : null,
      source_id: r.chance(0.35) ? r.pick(sourceIds) : null,
      created_by: actor(r, responsible, userIds),
      updated_by: actor(r, responsible, userIds),
      created_at: createdAt,
      updated_at: updatedAt,
      closed_at: closedAt,
      closest_task_at: closestTaskAt,
      score: r.chance(0.45) ? null : r.int(0, 100),
      labor_cost: r.chance(0.5) ? null : r.int(5, 600) * 60,
      is_price_modified_by_robot: r.chance(0.06),
      tagIds: r.sample(tagIds, tagCount),
      companyId,
      contactIds: [...contactIds],
      catalogElements,
      searchText: '',
    };
    lead.searchText = `${name}\n${customFieldSearchText(fieldsOf(lead))}`.toLowerCase();
    leads[i] = lead;
  }

  function fieldsOf(lead: DemoLead): CustomFieldValueWire[] | null {
    return leadCustomFieldValues(seed, lead.id, { lang: lead.lang, createdAt: lead.created_at, index: lead.index, name: lead.name });
  }

  return {
    ...ref,
    seed,
    referenceTime: DEMO_REFERENCE_TIME,
    leads,
    deletedLeads,
    leadCustomFieldDefinitions: LEAD_CUSTOM_FIELDS,
    contactCount,
    companyCount,
    contact: (cid) => (cid >= FIRST_CONTACT_ID && cid < FIRST_CONTACT_ID + contactCount ? createContact(seed, cid, owner) : null),
    company: (cid) => (cid >= FIRST_COMPANY_ID && cid < FIRST_COMPANY_ID + companyCount ? createCompany(seed, cid, owner) : null),
    leadCustomFields: fieldsOf,
  };
}
